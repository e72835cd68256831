#!/usr/bin/env node
// The command is compiled from src/cli.ts; say so instead of printing a stack when it is not.
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write(
    `minyi-collector: ${error.message}\n` +
      'Build it first: pnpm --filter @minyi/schema --filter @minyi/collector build\n',
  );
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
