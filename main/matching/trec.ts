import type { Qrels } from './metrics';
import { parseTsv } from './tsv';
import type { MatchDocument } from './types';

/** Files of the CheckThat! shape: the corpus, the queries, the qrels, and a TREC run. */

/** `id<TAB>vclaim<TAB>title` after a header row; a row without text is left out. */
export function readCorpusTsv(text: string): MatchDocument[] {
  const rows = parseTsv(text).slice(1);
  const documents: MatchDocument[] = [];
  for (const row of rows) {
    const [id = '', main = '', extra = ''] = row;
    if (id.trim() === '' || (main.trim() === '' && extra.trim() === '')) continue;
    documents.push({ id: id.trim(), main, extra });
  }
  return documents;
}

/** `id<TAB>text` after a header row. */
export function readQueriesTsv(text: string): Array<{ id: string; text: string }> {
  return parseTsv(text)
    .slice(1)
    .filter((row) => (row[0] ?? '').trim() !== '')
    .map((row) => ({ id: row[0]!.trim(), text: row.slice(1).join('\t') }));
}

/** `qid 0 docid relevance` a line (tabs or spaces); relevance above 0 counts. */
export function readQrels(text: string): Qrels {
  const qrels: Qrels = new Map();
  for (const line of text.split(/\r?\n/)) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 4) continue;
    const [queryId, , docId, relevance] = parts as [string, string, string, string];
    if (!qrels.has(queryId)) qrels.set(queryId, new Set());
    if (Number(relevance) > 0) qrels.get(queryId)!.add(docId);
  }
  return qrels;
}

/** One TREC run line: `qid Q0 docid rank score tag`. */
export function trecLine(queryId: string, docId: string, rank: number, score: number, tag: string): string {
  return `${queryId}\tQ0\t${docId}\t${rank}\t${score.toFixed(6)}\t${tag}`;
}
