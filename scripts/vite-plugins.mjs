// Build steps shared by the two script-tag bundles (minyi.js and minyi-dashboard.js).
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
