import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';

/**
 * A page may include the script twice (a template and a CMS block each adding it). The second
 * copy must create nothing: no element, no Trusted Types policy (lit-html makes one as its module
 * loads), no second outbox. So the whole bundle runs inside a function that returns first when
 * `window.Minyi` exists.
 */
function singleInstance(): Plugin {
  return {
    name: 'minyi-single-instance',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.fileName !== 'minyi.js') continue;
        chunk.code = `(function(){if(window.Minyi)return;\n${chunk.code.trim()}\n})();\n`;
        const digest = createHash('sha384').update(chunk.code).digest('base64');
        this.emitFile({ type: 'asset', fileName: 'minyi.js.sri', source: `sha384-${digest}\n` });
      }
    },
  };
}

/**
 * The script adds one global of its own. zod keeps its configuration on `globalThis` so that
 * copies of zod share it; inside this bundle there is one copy, so a module-level object serves.
 */
function zodConfigWithoutGlobal(): Plugin {
  return {
    name: 'minyi-zod-config-without-global',
    transform(code, id) {
      if (!/zod[\\/]v4[\\/]core[\\/]core\.js$/.test(id)) return null;
      const rewritten = code
        .replace(
          /\(_a = globalThis\)\.__zod_globalConfig \?\? \(_a\.__zod_globalConfig = \{\}\);/,
          '',
        )
        .replaceAll('globalThis.__zod_globalConfig', 'zodGlobalConfig');
      if (rewritten.includes('__zod_globalConfig')) {
        this.error('zod changed how it stores its global configuration: update this plugin');
      }
      return { code: `var zodGlobalConfig = {};\n${rewritten}`, map: null };
    },
  };
}

export default defineConfig({
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2019',
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
  plugins: [zodConfigWithoutGlobal(), singleInstance()],
});
