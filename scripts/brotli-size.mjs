// The size a script is measured by, in size tests and benchmarks alike: brotli at its highest
// quality, as a CDN or the reference collector's reverse proxy serves it.
import { brotliCompressSync, constants } from 'node:zlib';

export function brotliSize(content) {
  return brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  }).length;
}
