import { defineConfig } from 'vite';
import { compactCss, singleInstance, zodForHostPages } from '../../scripts/vite-plugins.mjs';

/**
 * Each element has a script of its own, so that a page of follow-up cases loads no chart.js and
 * the scoreboard's script carries no case code. Vite's lib mode makes one IIFE per build, so the
 * package's `build` runs one build per script, choosing it by mode: `vite build --mode dashboard`,
 * then `vite build --mode cases`.
 */
const BUNDLES = {
  dashboard: {
    entry: 'src/minyi-dashboard.ts',
    file: 'minyi-dashboard.js',
    name: 'MinyiDashboardBundle',
    element: 'minyi-scoreboard',
  },
  cases: {
    entry: 'src/minyi-cases.ts',
    file: 'minyi-cases.js',
    name: 'MinyiCasesBundle',
    element: 'minyi-cases',
  },
} as const;

/**
 * A page may include a script twice (a template and a CMS block each adding it). The second
 * copy must create nothing: lit-html makes its Trusted Types policy as its module loads, and a
 * strict policy without 'allow-duplicates' throws on a second one. The test needs no global of
 * our own: the element registered under the name says whether this script already ran. A page's
 * own element under the name is left alone, with the warning `defineElements()` would give.
 */
const once = (element: string) =>
  `(function(){var e=window.customElements&&customElements.get("${element}");` +
  `if(e){if(!e.minyiDashboard)console.warn("[minyi] <${element}> is already defined by the page; Minyi's is not registered.");return;}`;

export default defineConfig(({ mode }) => {
  const bundle = BUNDLES[mode as keyof typeof BUNDLES];
  if (!bundle) {
    throw new Error(
      `no script is built in mode ${JSON.stringify(mode)}; use --mode ${Object.keys(BUNDLES).join(' or --mode ')}`,
    );
  }
  return {
    resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: {
        entry: bundle.entry,
        formats: ['iife'],
        name: bundle.name,
        fileName: () => bundle.file,
      },
    },
    plugins: [
      compactCss(/packages[\\/]dashboard[\\/]src[\\/].*\.ts$/),
      zodForHostPages(),
      singleInstance(bundle.file, once(bundle.element)),
    ],
  };
});
