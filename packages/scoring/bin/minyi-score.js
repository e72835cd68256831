#!/usr/bin/env node
// The `minyi-score` command. Its implementation is src/cli.ts, compiled to dist/ by the build.
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write(
      'minyi-score: the package is not built; run `pnpm --filter @minyi/scoring build` first\n',
    );
    process.exit(1);
  }
  throw error;
}
// Set the exit code and let Node exit on its own, so pending stdout writes are not cut short.
process.exitCode = await cli.main(process.argv.slice(2));
