// Build steps shared by the script-tag bundles (minyi.js, minyi-dashboard.js, minyi-cases.js).
import { createHash } from 'node:crypto';

/**
 * Lit's `css` templates are strings the minifier leaves alone; their comments and indentation
 * would be shipped with every page. Collapsing them is safe: no selector or value in this project
 * depends on whitespace beyond a single space. Only files under `sources` are touched.
 */
export function compactCss(sources) {
  return {
    name: 'minyi-compact-css',
    transform(code, id) {
      if (!sources.test(id) || !code.includes('css`')) return null;
      const out = code.replace(/css`([^`]*)`/g, (_match, body) => {
        const compact = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};:,>+~])\s*/g, '$1')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${compact}\``;
      });
      return { code: out, map: null };
    },
  };
}

/**
 * Wraps the bundle `file` in `open` … `})();`, where `open` starts a function that returns before
 * anything runs when the script is already on the page, and writes the Subresource Integrity hash
 * of the result beside it (`file.sri`).
 */
export function singleInstance(file, open) {
  return {
    name: 'minyi-single-instance',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.fileName !== file) continue;
        chunk.code = `${open}\n${chunk.code.trim()}\n})();\n`;
        const digest = createHash('sha384').update(chunk.code).digest('base64');
        this.emitFile({ type: 'asset', fileName: `${file}.sri`, source: `sha384-${digest}\n` });
      }
    },
  };
}

/**
 * Two changes to zod inside a script-tag bundle, each checked so that a zod upgrade cannot undo it
 * silently:
 * - A script adds no global but its own, if any. zod keeps its configuration on `globalThis` so that
 *   copies of zod share it; inside a bundle there is one copy, so a module-level object serves.
 * - Host pages may forbid `eval` (CSP without 'unsafe-eval'). zod compiles object parsers with
 *   `new Function` unless configured `jitless`, and even its probe for that is reported as a CSP
 *   violation; so the configuration starts `jitless` and the code generator is removed.
 */
export function zodForHostPages() {
  const edits = [
    [
      /zod[\\/]v4[\\/]core[\\/]core\.js$/,
      /\(_a = globalThis\)\.__zod_globalConfig \?\? \(_a\.__zod_globalConfig = \{\}\);/,
      '',
    ],
    [
      /zod[\\/]v4[\\/]core[\\/]util\.js$/,
      /const F = Function;\s*new F\(""\);\s*return true;/,
      'return false;',
    ],
    [
      /zod[\\/]v4[\\/]core[\\/]doc\.js$/,
      /const F = Function;[\s\S]*?return factory\(\.\.\.Object\.values\(this\.closed\)\);/,
      'throw new Error("code generation is disabled");',
    ],
  ];
  return {
    name: 'minyi-zod-for-host-pages',
    transform(code, id) {
      let out = code;
      for (const [file, pattern, replacement] of edits) {
        if (!file.test(id)) continue;
        if (!pattern.test(out))
          this.error(`zod changed (${id}): update the minyi-zod-for-host-pages plugin`);
        out = out.replace(pattern, replacement);
      }
      if (/zod[\\/]v4[\\/]core[\\/]core\.js$/.test(id)) {
        out = `var zodGlobalConfig = { jitless: true };\n${out.replaceAll('globalThis.__zod_globalConfig', 'zodGlobalConfig')}`;
      }
      return out === code ? null : { code: out, map: null };
    },
  };
}
