import fs from 'node:fs';
import path from 'node:path';

/**
 * Word vectors (GloVe-derived, 100 dimensions, unit length) for about 43,000 analyzer terms, so the
 * re-ranker can tell that "toddler" and "kid" or "detain" and "cage" are about the same thing where
 * no word is shared. The table (main/matching/data/matcher-embeddings.bin, written by
 * scripts/build-matcher-embeddings.mjs; layout there) is read on the first match, not at start.
 */
export interface Embeddings {
  readonly dimensions: number;
  /** The term's unit vector, or undefined when the table does not know the term. */
  vectorOf(term: string): Float32Array | undefined;
}

const FILE = 'matcher-embeddings.bin';
const HEADER_BYTES = 20;

function readBytes(): Uint8Array {
  // Unbundled (tests, scripts) the file is beside this module; in the built app esbuild's binary
  // loader (scripts/build.mjs) has put it inside the bundle, so no path has to be found at run time.
  const beside = path.join(__dirname, 'data', FILE);
  if (fs.existsSync(beside)) return fs.readFileSync(beside);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- inlined by esbuild, read on first use
  return require('./data/matcher-embeddings.bin') as Uint8Array;
}

export function parseEmbeddings(bytes: Uint8Array): Embeddings {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== 'FCEM' || view.getUint32(4, true) !== 1) throw new Error('The matcher\'s word vectors are not in the expected format; run scripts/build-matcher-embeddings.mjs.');
  const count = view.getUint32(8, true);
  const dimensions = view.getUint32(12, true);
  const termsLength = view.getUint32(16, true);
  const terms = new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + termsLength)).split('\n');
  const vectors = new Float32Array(count * dimensions);
  const index = new Map<string, number>();
  const stride = 4 + dimensions;
  let at = HEADER_BYTES + termsLength;
  for (let n = 0; n < count; n++, at += stride) {
    const scale = view.getFloat32(at, true);
    let squares = 0;
    for (let i = 0; i < dimensions; i++) {
      const value = view.getInt8(at + 4 + i) * scale;
      vectors[n * dimensions + i] = value;
      squares += value * value;
    }
    // Quantising moved the length a little off one; cosines are plain dot products only at one.
    const length = Math.sqrt(squares) || 1;
    for (let i = 0; i < dimensions; i++) vectors[n * dimensions + i]! /= length;
    index.set(terms[n]!, n);
  }
  const views = new Map<string, Float32Array>();
  return {
    dimensions,
    vectorOf(term) {
      let vector = views.get(term);
      if (vector) return vector;
      const n = index.get(term);
      if (n === undefined) return undefined;
      views.set(term, (vector = vectors.subarray(n * dimensions, (n + 1) * dimensions)));
      return vector;
    },
  };
}

let table: Embeddings | null = null;

/** The shipped table, read on first use. */
export const embeddings = (): Embeddings => (table ??= parseEmbeddings(readBytes()));

export function dot(a: Float32Array | Float64Array, b: Float32Array | Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** The idf-weighted mean direction of the terms the table knows (rare words steer it), unit length; null when it knows none. */
export function meanVector(terms: Iterable<string>, idf: (term: string) => number, table: Embeddings): Float64Array | null {
  const sum = new Float64Array(table.dimensions);
  let any = false;
  for (const term of terms) {
    const vector = table.vectorOf(term);
    if (!vector) continue;
    const weight = idf(term);
    for (let i = 0; i < sum.length; i++) sum[i]! += weight * vector[i]!;
    any = true;
  }
  if (!any) return null;
  const length = Math.sqrt(dot(sum, sum));
  if (length === 0) return null;
  for (let i = 0; i < sum.length; i++) sum[i]! /= length;
  return sum;
}

/** Cosine of two texts' mean vectors; 0 when either has no known word. */
export function meanCosine(a: Float64Array | null, b: Float64Array | null): number {
  return a && b ? dot(a, b) : 0;
}
