import { defineConfig } from 'vite';
import { compactCss, singleInstance } from '../../scripts/vite-plugins.mjs';

const FILE = 'minyi-dashboard.js';

/**
 * A page may include the script twice (a template and a CMS block each adding it). The second
 * copy must create nothing: lit-html makes its Trusted Types policy as its module loads, and a
 * strict policy without 'allow-duplicates' throws on a second one. The test needs no global of
 * our own: the element registered under the name says whether this script already ran. A page's
 * own element under the name is left alone, with the warning `defineElements()` would give.
 */
const ONCE =
  '(function(){var e=window.customElements&&customElements.get("minyi-scoreboard");' +
  'if(e){if(!e.minyiDashboard)console.warn("[minyi] <minyi-scoreboard> is already defined by the page; Minyi\'s is not registered.");return;}';

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
      entry: 'src/minyi-dashboard.ts',
      formats: ['iife'],
      name: 'MinyiDashboardBundle',
      fileName: () => FILE,
    },
  },
  plugins: [compactCss(/packages[\\/]dashboard[\\/]src[\\/].*\.ts$/), singleInstance(FILE, ONCE)],
});
