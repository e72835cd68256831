import { defineConfig, type Plugin } from 'vite';
import { compactCss, singleInstance } from '../../scripts/vite-plugins.mjs';

/**
 * Two changes to zod inside this bundle, each checked so that a zod upgrade cannot undo it
 * silently:
 * - The script adds one global of its own. zod keeps its configuration on `globalThis` so that
 *   copies of zod share it; inside this bundle there is one copy, so a module-level object serves.
 * - Host pages may forbid `eval` (CSP without 'unsafe-eval'). zod compiles object parsers with
 *   `new Function` unless configured `jitless`, and even its probe for that is reported as a CSP
 *   violation; so the configuration starts `jitless` and the code generator is removed.
 */
function zodForHostPages(): Plugin {
  const edits: Array<[RegExp, RegExp, string]> = [
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

/**
 * A page may include the script twice (a template and a CMS block each adding it). The second
 * copy must create nothing: no element, no Trusted Types policy (lit-html makes one as its module
 * loads), no second outbox. So the whole bundle runs inside a function that returns first when
 * `window.Minyi` exists.
 */
const ONCE = '(function(){if(window.Minyi)return;';

export default defineConfig({
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: 'src/minyi.ts',
      formats: ['iife'],
      name: 'MinyiBundle',
      fileName: () => 'minyi.js',
    },
  },
  plugins: [
    compactCss(/packages[\\/]widgets[\\/]src[\\/].*\.ts$/),
    zodForHostPages(),
    singleInstance('minyi.js', ONCE),
  ],
});
