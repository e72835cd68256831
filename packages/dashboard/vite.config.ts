import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';

const FILE = 'minyi-dashboard.js';

/**
 * A page may include the script twice (a template and a CMS block each adding it). The second
 * copy must create nothing: lit-html makes its Trusted Types policy as its module loads, and a
 * strict policy without 'allow-duplicates' throws on a second one. The test needs no global of
 * our own: the element registered under the name says whether this script already ran. A page's
 * own element under the name is left alone, with the warning `defineElements()` would give.
 */
function singleInstance(): Plugin {
  const guard =
    '(function(){var e=window.customElements&&customElements.get("minyi-scoreboard");' +
    'if(e){if(!e.minyiDashboard)console.warn("[minyi] <minyi-scoreboard> is already defined by the page; Minyi\'s is not registered.");return;}';
  return {
    name: 'minyi-dashboard-single-instance',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.fileName !== FILE) continue;
        chunk.code = `${guard}\n${chunk.code.trim()}\n})();\n`;
        const digest = createHash('sha384').update(chunk.code).digest('base64');
        this.emitFile({ type: 'asset', fileName: `${FILE}.sri`, source: `sha384-${digest}\n` });
      }
    },
  };
}

/**
 * Lit's `css` templates are strings the minifier leaves alone; their comments and indentation
 * would be shipped. Collapsing them is safe: no selector or value here depends on whitespace
 * beyond a single space.
 */
function compactCss(): Plugin {
  return {
    name: 'minyi-dashboard-compact-css',
    transform(code, id) {
      if (!/packages[\\/]dashboard[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('css`'))
        return null;
      const out = code.replace(/css`([^`]*)`/g, (_match, body: string) => {
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
  plugins: [compactCss(), singleInstance()],
});
