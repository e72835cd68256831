import { describe, expect, test } from 'vitest';
import { check, HCP5, resolveScale, surveyDefinitionSchema } from '../src/index.js';

const pageFeedback = {
  id: 'page-feedback',
  version: 1,
  kind: 'satisfaction',
  title: { 'zh-Hans': '您对本页面满意吗？', en: 'Was this page helpful?' },
  dimensions: [{ id: 'overall', label: { 'zh-Hans': '总体满意度' }, scale: 'hcp5' }],
};

describe('surveyDefinitionSchema', () => {
  test('accepts a definition with a built-in scale', () => {
    expect(check(surveyDefinitionSchema, pageFeedback).ok).toBe(true);
  });

  test('accepts a custom ordinal scale and resolves it by id, labels as given', () => {
    const levels = [
      { id: 'slow', label: { 'zh-Hans': '慢' } },
      { id: 'fast', label: { en: 'Fast' } },
    ];
    const survey = {
      ...pageFeedback,
      scales: [{ id: 'speed', type: 'ordinal', levels }],
      dimensions: [{ id: 'speed', label: { en: 'Speed' }, scale: 'speed', weight: 2 }],
    };
    const result = check(surveyDefinitionSchema, survey);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(resolveScale(result.value, 'speed')).toEqual({ type: 'ordinal', levels });
    expect(resolveScale(result.value, 'hcp5')).toBe(HCP5);
    expect(resolveScale(result.value, 'toString')).toBeUndefined();
    expect(resolveScale(result.value, 'nope')).toBeUndefined();
  });

  test('names an unknown scale, a bad weight and an empty title by path, all at once', () => {
    const result = check(surveyDefinitionSchema, {
      ...pageFeedback,
      title: {},
      dimensions: [{ id: 'overall', label: { en: 'x' }, scale: 'hcp7', weight: 0 }],
    });
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'title', message: 'expected text in at least one of "zh-Hans", "zh-Hant", "en"' },
      { path: 'dimensions[0].weight', message: 'expected a positive number' },
      {
        path: 'dimensions[0].scale',
        message: expect.stringContaining('expected a built-in scale'),
      },
    ]);
  });

  test('names an unknown scale when the rest is valid', () => {
    const result = check(surveyDefinitionSchema, {
      ...pageFeedback,
      dimensions: [{ id: 'overall', label: { en: 'x' }, scale: 'hcp7' }],
    });
    expect(result.ok ? [] : result.issues).toEqual([
      {
        path: 'dimensions[0].scale',
        message: expect.stringContaining('expected a built-in scale'),
      },
    ]);
  });

  test('hcp5 uses simplified and traditional characters correctly', () => {
    expect(HCP5.levels.map((level) => level.label['zh-Hans'])).toEqual([
      '非常不满意',
      '不满意',
      '基本满意',
      '满意',
      '非常满意',
    ]);
    expect(HCP5.levels.map((level) => level.label['zh-Hant'])).toEqual([
      '非常不滿意',
      '不滿意',
      '基本滿意',
      '滿意',
      '非常滿意',
    ]);
  });
});
