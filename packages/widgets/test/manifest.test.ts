import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

interface Declaration {
  tagName?: string;
  attributes?: Array<{ name: string }>;
  events?: Array<{ name: string }>;
  cssParts?: Array<{ name: string }>;
  cssProperties?: Array<{ name: string }>;
}

function declarations(): Declaration[] {
  const file = new URL('../custom-elements.json', import.meta.url);
  if (!existsSync(file))
    throw new Error('custom-elements.json is missing: the widgets build writes it');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    modules: Array<{ declarations?: Declaration[] }>;
  };
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((item) => item.tagName);
}

describe('custom-elements.json, generated from the JSDoc', () => {
  test('describes the four elements with their attributes, events, parts and custom properties', () => {
    const byTag: Record<string, Declaration> = Object.fromEntries(
      declarations().map((item) => [item.tagName, item]),
    );
    expect(Object.keys(byTag).sort()).toEqual([
      'minyi-consultation',
      'minyi-evaluation',
      'minyi-receipt',
      'minyi-satisfaction',
    ]);
    const { 'minyi-receipt': receipt, ...answering } = byTag;
    expect(receipt?.attributes?.map((attribute) => attribute.name)).toContain('code');
    expect(receipt?.cssParts?.map((part) => part.name)).toContain('status');
    for (const element of Object.values(answering)) {
      expect(element.events?.map((event) => event.name).sort()).toEqual([
        'minyi-delivered',
        'minyi-error',
        'minyi-queued',
        'minyi-submit',
      ]);
      expect(element.cssParts?.map((part) => part.name)).toEqual(
        expect.arrayContaining(['form', 'levels', 'level', 'submit', 'status', 'receipt']),
      );
      expect(element.cssProperties?.map((property) => property.name)).toContain('--minyi-accent');
      expect(element.attributes?.map((attribute) => attribute.name)).toContain('collector');
    }
    expect(byTag['minyi-consultation']?.attributes?.map((attribute) => attribute.name)).toContain(
      'topic',
    );
    expect(byTag['minyi-evaluation']?.attributes?.map((attribute) => attribute.name)).toContain(
      'survey',
    );
  });
});
