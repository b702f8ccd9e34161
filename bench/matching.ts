/**
 * "Has this been checked before?": ranking quality on the CheckThat! 2020 claim-retrieval data set
 * (when it is beside the repository; it is never copied into it) for our matcher beside plain
 * FTS5 BM25, and what matching costs: index build time, query latency over 100,000 reference
 * claims + 100,000 library claims (synthetic text), and `matching.checkedBefore` on a library of
 * that size. Figures to read, never a pass/fail. Last run: dev MAP@5 FTS5 0.7842, ours 0.8263
 * with word vectors (0.8115 without; train 0.8171 / 0.8657). The goal, dev 0.834, is not reached.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibrary } from '../main/db/open';
import { checkedBefore } from '../main/matching/checkedBefore';
import { createMatcher, type Matcher } from '../main/matching/matcher';
import { scoreRun, type Qrels, type Run } from '../main/matching/metrics';
import { readMatchCorpus } from '../main/matching/corpusFile';
import { readQrels, readQueriesTsv } from '../main/matching/trec';
import type { MatchDocument } from '../main/matching/types';
import { createRepoContext } from '../main/repositories/context';
import { Random } from '../main/seed/random';
import { seedLibrary } from '../main/seed/seedLibrary';
import { formatMs } from './timing';

const SYNTHETIC = 100_000;
const LATENCY_QUERIES = 300;

const repoRoot = process.cwd();
const datasetDir = path.resolve(repoRoot, '..', 'shared', 'datasets', 'checkthat2020-claim-retrieval');

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const latencyLine = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${formatMs(percentile(sorted, 0.5))}, p95 ${formatMs(percentile(sorted, 0.95))} (${sorted.length} queries)`;
};
const fmt = (value: number) => value.toFixed(4);

/** The README's floor: FTS5 `porter unicode61` over vclaim and title, query words of 3+ letters OR'ed, by bm25(). */
function plainFts5(documents: readonly MatchDocument[]): (text: string, limit: number) => string[] {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, vclaim, title, tokenize = 'porter unicode61')`);
  const insert = db.prepare('INSERT INTO docs (id, vclaim, title) VALUES (?, ?, ?)');
  db.transaction(() => documents.forEach((document) => insert.run(document.id, document.main, document.extra)))();
  const search = db.prepare('SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?').pluck();
  return (text, limit) => {
    const words = [...new Set(text.match(/[\p{L}\p{N}]{3,}/gu) ?? [])];
    if (words.length === 0) return [];
    return search.all(words.map((word) => `"${word}"`).join(' OR '), limit) as string[];
  };
}

function runOf(queries: ReadonlyArray<{ id: string; text: string }>, rank: (text: string) => string[]): Run {
  return new Map(queries.map((query) => [query.id, rank(query.text)]));
}

function benchDataset(): void {
  if (!fs.existsSync(path.join(datasetDir, 'verified_claims.docs.tsv'))) {
    console.log(`CheckThat! 2020 data set: absent (looked in ${datasetDir}); ranking quality not measured.`);
    return;
  }
  // Read as `npm run match` reads it: through the reference import's TSV reader and cleaning.
  const documents = readMatchCorpus(path.join(datasetDir, 'verified_claims.docs.tsv'));
  let started = performance.now();
  const ours = createMatcher(documents);
  console.log(`index build, ${documents.length} CheckThat! claims: ${formatMs(performance.now() - started)}`);
  started = performance.now();
  const fts5 = plainFts5(documents);
  console.log(`FTS5 baseline build: ${formatMs(performance.now() - started)}`);
  const bm25Only = createMatcher(documents, { rerank: false });
  const systems: Array<[string, (text: string) => string[]]> = [
    ['FTS5 BM25 (porter, the floor)', (text) => fts5(text, 5)],
    ['our BM25 (analyzer, no re-rank)', (text) => bm25Only.search(text, 5).map((result) => result.id)],
    ['our matcher (BM25 + re-rank)', (text) => ours.search(text, 5).map((result) => result.id)],
  ];
  for (const split of ['train', 'dev']) {
    const queries = readQueriesTsv(fs.readFileSync(path.join(datasetDir, split, 'tweets.queries.tsv'), 'utf8'));
    const qrels: Qrels = readQrels(fs.readFileSync(path.join(datasetDir, split, 'tweet-vclaim-pairs.qrels'), 'utf8'));
    for (const [name, rank] of systems) {
      const samples: number[] = [];
      const run = runOf(queries, (text) => {
        const start = performance.now();
        const ranked = rank(text);
        samples.push(performance.now() - start);
        return ranked;
      });
      const scores = scoreRun(run, qrels);
      console.log(
        `${split.padEnd(5)} ${name.padEnd(34)} MAP@5 ${fmt(scores.map5)}  MRR ${fmt(scores.mrr)}  P@1 ${fmt(scores.p1)}  (${scores.queries} tweets; ${latencyLine(samples)})`,
      );
    }
  }
}

/** Claim-like sentences from a Zipf-ish vocabulary: a few everyday words, many rare names and numbers. */
function syntheticTexts(count: number, random: Random): string[] {
  const everyday = 'the a of to in and is was that for on with said by from has have will are not at as'.split(' ');
  const words = Array.from({ length: 30_000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}n`);
  const pick = () => {
    const r = random.next();
    return r < 0.35 ? everyday[Math.floor(random.next() * everyday.length)]! : words[Math.floor(Math.pow(random.next(), 2.5) * words.length)]!;
  };
  return Array.from({ length: count }, () => {
    const length = 10 + Math.floor(random.next() * 20);
    const parts = Array.from({ length }, pick);
    if (random.next() < 0.4) parts.push(String(1990 + Math.floor(random.next() * 35)));
    return parts.join(' ');
  });
}

/** A query that says the same as `text` with some words dropped and others added. */
function paraphrase(text: string, random: Random, noise: readonly string[]): string {
  const kept = text.split(' ').filter(() => random.next() < 0.7);
  for (let i = 0; i < 5; i++) kept.push(noise[Math.floor(random.next() * noise.length)]!.split(' ')[0]!);
  return kept.join(' ');
}

function benchSyntheticMatcher(): void {
  const random = new Random(7);
  const texts = syntheticTexts(2 * SYNTHETIC, random);
  const references = texts.slice(0, SYNTHETIC).map((text, i): MatchDocument => ({ id: `r${i}`, main: text, extra: '' }));
  let started = performance.now();
  createMatcher(references);
  console.log(`index build, ${SYNTHETIC.toLocaleString('en')} synthetic claims: ${formatMs(performance.now() - started)}`);
  const all = [...references, ...texts.slice(SYNTHETIC).map((text, i): MatchDocument => ({ id: `c${i}`, main: text, extra: '' }))];
  started = performance.now();
  const matcher: Matcher = createMatcher(all);
  console.log(`index build, ${all.length.toLocaleString('en')} (references + library claims): ${formatMs(performance.now() - started)}`);
  const samples: number[] = [];
  let found = 0;
  for (let i = 0; i < LATENCY_QUERIES; i++) {
    const target = Math.floor(random.next() * all.length);
    const query = paraphrase(all[target]!.main, random, texts);
    const start = performance.now();
    const results = matcher.search(query, 5);
    samples.push(performance.now() - start);
    if (results[0]?.id === all[target]!.id) found++;
  }
  console.log(`query latency, in-memory matcher over ${all.length.toLocaleString('en')}: ${latencyLine(samples)}; paraphrase found first ${found}/${LATENCY_QUERIES}`);
}

function benchCheckedBefore(): void {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-matching-'));
  try {
    let started = performance.now();
    seedLibrary({ dataDir, projects: 10, claimsPerProject: SYNTHETIC / 10, changesPerClaim: 0 });
    console.log(`seeded library, ${SYNTHETIC.toLocaleString('en')} claims (search index included): ${formatMs(performance.now() - started)}`);
    const { db } = openLibrary(path.join(dataDir, 'library.sqlite'));
    const random = new Random(11);
    started = performance.now();
    const collectionId = randomUUID();
    db.transaction(() => {
      db.prepare(`INSERT INTO reference_collections (id, name, format, imported_at, item_count) VALUES (?, 'Synthetic', 'tsv', ?, ?)`).run(
        collectionId,
        new Date().toISOString(),
        SYNTHETIC,
      );
      const insert = db.prepare(`INSERT INTO reference_checks (id, collection_id, external_id, claim_text, title, rating) VALUES (?, ?, ?, ?, ?, 'False')`);
      syntheticTexts(SYNTHETIC, random).forEach((text, i) => insert.run(randomUUID(), collectionId, String(i), text, ''));
    })();
    console.log(`${SYNTHETIC.toLocaleString('en')} reference checks imported and indexed: ${formatMs(performance.now() - started)}`);
    const ctx = createRepoContext(db);
    const claimIds = db.prepare('SELECT id FROM claims ORDER BY random() LIMIT ?').pluck().all(LATENCY_QUERIES) as string[];
    const samples: number[] = [];
    let answered = 0;
    for (const claimId of claimIds) {
      const start = performance.now();
      const items = checkedBefore(ctx, claimId, 5);
      samples.push(performance.now() - start);
      if (items.length > 0) answered++;
    }
    console.log(`matching.checkedBefore over ${SYNTHETIC.toLocaleString('en')} claims + ${SYNTHETIC.toLocaleString('en')} references: ${latencyLine(samples)}; ${answered} answered with matches (limit 100 ms)`);
    db.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchMatching(): Promise<void> {
  benchDataset();
  benchSyntheticMatcher();
  benchCheckedBefore();
}
