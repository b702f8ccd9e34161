/**
 * Fuzzing the import: valid files mutated at random (bytes of the zip, and fields of project.json
 * re-packed with correct checksums so the mutation reaches the deep checks), seeded so any failure
 * repeats. Every import either succeeds with valid data or fails with an AppError, never a crash,
 * never a half-written project: on failure the library is exactly as before.
 * FUZZ_ITERATIONS=5000 FUZZ_SEED=7 run it longer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors';
import { buildProjectFile } from '../../../main/projectFiles/exportProject';
import { ProjectPayload } from '../../../main/projectFiles/format';
import { applyImport, parseProjectFile } from '../../../main/projectFiles/importProject';
import { packEntries } from '../../../main/projectFiles/pack';
import { readProjectPayload } from '../../../main/projectFiles/projectStore';
import { checkIntegrity } from '../../../main/projectFiles/validate';
import { updateClaim } from '../../../main/repositories/claims';
import { createSource } from '../../../main/repositories/sources';
import {
  dumpLibrary,
  makeTempDir,
  markClaim,
  openTestLibrary,
  prng,
  verdictId,
} from '../../fixtures/project-files/helpers';

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20241021);
const GOLDEN = path.resolve(__dirname, '../../fixtures/project-files/tass-v1.factcheck');
const GOLDEN_V2 = path.resolve(__dirname, '../../fixtures/project-files/tass-v2.factcheck');
const GOLDEN_V3 = path.resolve(__dirname, '../../fixtures/project-files/tass-v3.factcheck');

let dir: string;
let baseLibrary: string;
/**
 * Files to mutate: the v1 golden one (which merges into the library's copy), one with conflicts,
 * the v2 golden one (numbers, approvals, notes, corrections, publications; a new project) and the
 * v3 golden one (claim links on approved claims; a new project).
 */
const seeds: { name: string; bytes: Uint8Array }[] = [];

beforeAll(() => {
  dir = makeTempDir('factcheck-fuzz-');
  const golden = fs.readFileSync(GOLDEN);
  seeds.push({ name: 'golden', bytes: golden });
  seeds.push({ name: 'golden-v2', bytes: fs.readFileSync(GOLDEN_V2) });
  seeds.push({ name: 'golden-v3', bytes: fs.readFileSync(GOLDEN_V3) });
  // The library holds the golden project, edited since, so imports of it merge (with conflicts).
  const library = openTestLibrary(path.join(dir, 'base'), { author: 'Fuzz' });
  const contents = parseProjectFile(golden, 'golden.factcheck');
  applyImport(library.ctx, contents);
  const project = readProjectPayload(library.ctx, contents.payload.project.id)!;
  const [first, second] = project.claims;
  updateClaim(library.ctx, first!.id, {
    verdictId: verdictId(library.db, project.project.id, 'False'),
    rationale: 'Fuzz edit',
  });
  createSource(library.ctx, second!.id, { title: 'Fuzz source' });
  markClaim(library.ctx, project.articles[0]!, 'Kremlin Spokesman Dmitry Peskov');
  seeds.push({
    name: 'edited',
    bytes: buildProjectFile(library.ctx, project.project.id, { appVersion: 'fuzz' }).bytes,
  });
  updateClaim(library.ctx, first!.id, { verdictId: verdictId(library.db, project.project.id, 'True') });
  baseLibrary = library.file;
  library.close(); // closing checkpoints the WAL, so the file alone is the library
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function mutateBytes(bytes: Uint8Array, random: () => number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const kind = random();
  if (kind < 0.2) return copy.subarray(0, Math.floor(random() * copy.length));
  if (kind < 0.3) {
    const at = Math.floor(random() * copy.length);
    const junk = Array.from({ length: 1 + Math.floor(random() * 16) }, () => Math.floor(random() * 256));
    return new Uint8Array([...copy.subarray(0, at), ...junk, ...copy.subarray(at)]);
  }
  const flips = 1 + Math.floor(random() * 8);
  for (let i = 0; i < flips; i++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
  return copy;
}

/** Every path to a value in the JSON. */
function paths(
  value: Json,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...at, index], out));
  else if (value && typeof value === 'object')
    for (const key of Object.keys(value)) paths(value[key]!, [...at, key], out);
  return out;
}

function randomValue(random: () => number, ids: string[]): Json {
  const choices: (() => Json)[] = [
    () => null,
    () => random() < 0.5,
    () => Math.floor(random() * 2000) - 10,
    () => -1,
    () => 1e300,
    () => 0.5,
    () => '',
    () => 'x'.repeat(Math.floor(random() * 300)),
    () => ids[Math.floor(random() * ids.length)] ?? '',
    () => '2024-13-45T99:99:99Z',
    () => 'javascript:alert(1)',
    () => [],
    () => ({}),
    () => ({ before: 1, after: [2] }),
  ];
  return choices[Math.floor(random() * choices.length)]!();
}

function mutateJson(payload: Json, random: () => number): Json {
  const root = JSON.parse(JSON.stringify(payload)) as Json;
  const ids = [
    ...JSON.stringify(root).matchAll(
      /"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})"/g,
    ),
  ].map((match) => match[1]!);
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const all = paths(root).filter((p) => p.length > 0);
    const target = all[Math.floor(random() * all.length)]!;
    const parent = target
      .slice(0, -1)
      .reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, root) as
      Record<string | number, Json> | Json[];
    const key = target[target.length - 1]!;
    const action = random();
    if (action < 0.15 && !Array.isArray(parent)) delete (parent as Record<string, Json>)[key];
    else if (action < 0.3 && Array.isArray(parent))
      parent.push(JSON.parse(JSON.stringify(parent[key as number])) as Json);
    else if (action < 0.4 && Array.isArray(parent)) parent.splice(key as number, 1);
    else if (action < 0.5 && typeof (parent as Record<string, Json>)[key] === 'string') {
      const text = (parent as Record<string, string>)[key]!;
      const at = Math.floor(random() * (text.length + 1));
      (parent as Record<string, Json>)[key] =
        text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
    } else (parent as Record<string, Json>)[key] = randomValue(random, ids);
  }
  return root;
}

function mutate(seed: { bytes: Uint8Array }, random: () => number): Uint8Array {
  if (random() < 0.35) return mutateBytes(seed.bytes, random);
  const entries = unzipSync(seed.bytes);
  const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Json;
  const payload = JSON.parse(strFromU8(entries['project.json']!)) as Json;
  if (random() < 0.1) {
    const mutated = mutateJson(manifest, random);
    return packRaw(mutated, Buffer.from(JSON.stringify(payload)));
  }
  const body = Buffer.from(JSON.stringify(mutateJson(payload, random)));
  // Mostly with a correct checksum (to reach the schema and integrity checks), sometimes stale.
  // The manifest keeps the seed's format version, so an older seed is still read as what it is.
  if (random() >= 0.85) return packRaw(manifest, body);
  const packed = packEntries(body, { appVersion: 'fuzz', exportedAt: '2024-10-22T08:30:00.000Z', exportedBy: 'Fuzz' });
  return packRaw({ ...(packed.manifest as unknown as Record<string, Json>), formatVersion: (manifest as { formatVersion?: Json }).formatVersion ?? null }, body);
}

function packRaw(manifest: Json, body: Uint8Array): Uint8Array {
  return zipSync({ 'manifest.json': Buffer.from(JSON.stringify(manifest)), 'project.json': body });
}

describe(`fuzzing the import (${ITERATIONS} files, seed ${SEED})`, () => {
  it(
    'either imports valid data or refuses with an AppError, leaving the library untouched',
    () => {
      const random = prng(SEED);
      const outcomes = { imported: 0, refused: 0, messages: new Map<string, number>() };
      for (let i = 0; i < ITERATIONS; i++) {
        const seed = seeds[Math.floor(random() * seeds.length)]!;
        const bytes = mutate(seed, random);
        const copy = path.join(dir, `lib-${i % 4}`);
        fs.rmSync(copy, { recursive: true, force: true });
        fs.mkdirSync(copy);
        fs.copyFileSync(baseLibrary, path.join(copy, 'library.sqlite'));
        const library = openTestLibrary(copy);
        try {
          const before = dumpLibrary(library.db);
          const side = random() < 0.5 ? 'yours' : 'theirs';
          const asCopy = random() < 0.15;
          try {
            const summary = applyImport(library.ctx, parseProjectFile(bytes, `fuzz-${i}.factcheck`), {
              defaultSide: side,
              asCopy,
            });
            outcomes.imported++;
            // Valid data: every project reads back, passes the schema and the integrity checks.
            expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
            expect(library.db.pragma('foreign_key_check')).toEqual([]);
            for (const { id } of library.db.prepare(`SELECT id FROM projects`).all() as { id: string }[]) {
              const project = readProjectPayload(library.ctx, id)!;
              ProjectPayload.parse(project);
              checkIntegrity(project, `iteration ${i}`);
            }
            expect(summary.projectId).toBeTruthy();
          } catch (error) {
            if (!(error instanceof AppError))
              throw new Error(`iteration ${i}: not an AppError: ${String(error)}`, { cause: error });
            expect(error.message.length, `iteration ${i}`).toBeGreaterThan(10);
            expect(error.code, `iteration ${i}: ${error.message}`).not.toBe('internal');
            expect(dumpLibrary(library.db), `iteration ${i}: ${error.message}`).toEqual(before);
            outcomes.refused++;
            const kind = error.message
              .replace(/“[^”]*”/g, '“…”')
              .replace(/\d+/g, 'N')
              .slice(0, 90);
            outcomes.messages.set(kind, (outcomes.messages.get(kind) ?? 0) + 1);
          }
        } finally {
          library.close();
        }
      }
      // Both outcomes occur: the fuzzer is neither too gentle nor too destructive.
      expect(outcomes.imported).toBeGreaterThan(ITERATIONS * 0.05);
      expect(outcomes.refused).toBeGreaterThan(ITERATIONS * 0.3);
      if (process.env.FUZZ_VERBOSE) console.log(outcomes);
    },
    Math.max(60_000, ITERATIONS * 50),
  );
});
