// `pnpm bench`: builds, then runs every package benchmark (`packages/*/bench/*-bench.mjs`) in its
// own Node process, one after another so that they do not compete for the two cores.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, log, ROOT } from './bootstrap.mjs';

bootstrap();
const only = process.argv.slice(2);
const packages = join(ROOT, 'packages');
let failed = 0;
for (const pkg of readdirSync(packages).sort()) {
  let files = [];
  try {
    files = readdirSync(join(packages, pkg, 'bench')).filter((file) => file.endsWith('-bench.mjs'));
  } catch {
    continue;
  }
  for (const file of files.sort()) {
    if (only.length > 0 && !only.some((name) => file.includes(name) || pkg === name)) continue;
    log(`bench ${pkg}/${file}`);
    const result = spawnSync(process.execPath, [join(packages, pkg, 'bench', file)], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (result.status !== 0) failed += 1;
  }
}
process.exit(failed > 0 ? 1 : 0);
