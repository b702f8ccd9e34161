import { DelimitedReader } from '../../shared/references/delimited';
import type { Qrels } from './metrics';

/** Files of the CheckThat! shape: the queries, the qrels, and a TREC run (the corpus: ./corpusFile.ts). */

/** `id<TAB>text` after a header row (quoted fields may hold tabs and line breaks, as pandas writes them). */
export function readQueriesTsv(text: string): Array<{ id: string; text: string }> {
  const rows: string[][] = [];
  const reader = new DelimitedReader('\t');
  const keep = (row: string[]) => rows.push(row);
  reader.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, keep);
  reader.end(keep);
  return rows
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
