import { defineConfig } from 'vite';
import { compactCss, singleInstance, zodForHostPages } from '../../scripts/vite-plugins.mjs';

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
