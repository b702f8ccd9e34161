// Regenerates docs/project-file.schema.json from the zod schemas of main/projectFiles/format.ts,
// after a deliberate change of the format:
//   node scripts/write-project-file-schema.mjs
// Never part of a test run: tests/unit/main/projectFiles.format.test.ts only compares the committed
// file with what the schemas produce, and fails until this script is run and the result reviewed.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'project-file-schema-'));
const bundle = path.join(scratch, 'schema.cjs');
try {
  // main/ is TypeScript: bundle the one module (zod included) into CommonJS and load that.
  await build({
    entryPoints: [path.join(root, 'main', 'projectFiles', 'schema.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  const { writeProjectFileSchema } = createRequire(import.meta.url)(bundle);
  const written = writeProjectFileSchema(root);
  console.log(`Wrote ${path.relative(root, written)}; review the diff before committing it.`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
