// `npm start`: install what is missing, build, and run the collector in demo mode.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bootstrap, ROOT } from './bootstrap.mjs';

bootstrap();

const port = process.env.PORT ?? '8787';
const child = spawn(
  process.execPath,
  [
    join(ROOT, 'packages/collector/bin/minyi-collector.js'),
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    port,
    '--db',
    join(ROOT, 'data/minyi.sqlite'),
    '--demo',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);

const lines = createInterface({ input: child.stdout });
lines.on('line', (line) => {
  process.stdout.write(`${line}\n`);
  const match = /^listening on (http:\/\/\S+)$/.exec(line);
  if (match) process.stdout.write(`\nMinyi demo portal: ${match[1]}/\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
