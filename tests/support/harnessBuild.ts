import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HARNESS_ENTRY } from './harnessProcess';

const repoRoot = path.resolve(__dirname, '../..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * For unit tests that run the built harness (`npm test` builds before the unit tests; a local run
 * may not have): builds it when it is missing or older than main/ or shared/.
 */
export function ensureHarnessBuilt(): void {
  const renderer = path.join(repoRoot, 'dist/renderer/index.html');
  const built = fs.existsSync(HARNESS_ENTRY) ? fs.statSync(HARNESS_ENTRY).mtimeMs : 0;
  const sources = Math.max(
    newestSource(path.join(repoRoot, 'main')),
    newestSource(path.join(repoRoot, 'shared')),
  );
  if (fs.existsSync(renderer) && built >= sources) return;
  const args = fs.existsSync(renderer) ? ['scripts/build.mjs', '--main-only'] : ['scripts/build.mjs'];
  execFileSync(process.execPath, args, { cwd: repoRoot, stdio: 'pipe' });
}
