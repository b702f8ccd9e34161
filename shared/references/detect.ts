import { claimReviewItems, hasClaimReview } from './claimReview';
import type { Delimiter } from './delimited';
import { factCheckApiItems, isFactCheckApiResponse } from './factCheckApi';
import { ReferenceFileError, type RawItem } from './types';

/**
 * Which reader a file needs, judged from its name and its first bytes (as text): JSON starts with
 * `{` or `[`; otherwise it is CSV or TSV by its extension, or by what its first line holds.
 */
export type FileKind = { kind: 'json' } | { kind: 'delimited'; format: 'csv' | 'tsv'; delimiter: Delimiter };

export function detectFileKind(fileName: string, head: string): FileKind {
  const text = head.replace(/^\ufeff/, '');
  if (text.includes('\u0000')) throw notReadable(fileName);
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') return { kind: 'json' };
  if (/\.tsv$/i.test(fileName) || /\.tab$/i.test(fileName)) return tsv;
  if (/\.csv$/i.test(fileName)) return csv;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes('\t')) return tsv;
  if (firstLine.includes(',')) return csv;
  throw notReadable(fileName);
}

const tsv: FileKind = { kind: 'delimited', format: 'tsv', delimiter: '\t' };
const csv: FileKind = { kind: 'delimited', format: 'csv', delimiter: ',' };

function notReadable(fileName: string): ReferenceFileError {
  return new ReferenceFileError(
    `“${fileName}” is not JSON, CSV or TSV. Choose a ClaimReview or fact-check API JSON file, or a CSV/TSV file with a header row.`,
  );
}

/** Parses JSON text, with a message a person can act on when it is not JSON. */
export function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : '';
    throw new ReferenceFileError(`“${fileName}” starts like JSON but is not valid JSON (${detail}).`);
  }
}

/** A parsed JSON file's format and its items (read lazily, one at a time). */
export function jsonReferenceItems(document: unknown, fileName: string): { format: 'claimreview' | 'factcheck-api'; items: Iterable<RawItem> } {
  if (isFactCheckApiResponse(document) && !hasClaimReview(document)) return { format: 'factcheck-api', items: factCheckApiItems(document) };
  return { format: 'claimreview', items: claimReviewItems(document, fileName) };
}
