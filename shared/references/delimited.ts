import { FIELD_LABELS, REFERENCE_FIELDS, ReferenceFileError, type ColumnMapping, type RawItem, type ReferenceField } from './types';

/**
 * CSV and TSV, read a chunk at a time so a million rows never sit in memory at once.
 * Both follow RFC 4180 leniently: a field that starts with a quote is quoted (it may hold the
 * delimiter, doubled quotes and line breaks), and a quote anywhere else is text. That is how pandas
 * writes TSV (`to_csv(sep='\t')`, the CheckThat! data set: `"A ""Trump and Obama…"" meme…"`), and
 * it keeps the quotes of an unquoted field such as `5" of rain`.
 */

export type Delimiter = ',' | '\t';

/** One row longer than this is refused: it is nearly always a quote left open. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

export class DelimitedReader {
  private field = '';
  private fields: string[] = [];
  private recordChars = 0;
  private inQuotes = false;
  /** A quote seen inside quotes: the next character says whether it was doubled or closing. */
  private quotePending = false;
  /** A CR ended the last row; an LF right after it belongs to it. */
  private afterCr = false;
  private started = false;
  private rowNumber = 0;

  constructor(private readonly delimiter: Delimiter) {}

  /** Reads `text` (the next piece of the file) and hands each complete row to `onRow`. */
  push(text: string, onRow: (fields: string[]) => void): void {
    this.pushQuoted(text, onRow);
  }

  /** The file ended: the last row, if it had no line break. */
  end(onRow: (fields: string[]) => void): void {
    if (this.inQuotes && !this.quotePending) throw new ReferenceFileError(`A quoted field in row ${this.rowNumber + 1} is never closed.`);
    if (this.started) this.emit(onRow);
  }

  private pushQuoted(text: string, onRow: (fields: string[]) => void): void {
    const delimiter = this.delimiter.charCodeAt(0);
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (code === 10) {
          start = i + 1;
          continue;
        }
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (code === 34) {
          // A doubled quote: one quote character of the field's text.
          this.take('"');
          start = i + 1;
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (code === 34) {
          this.take(text.slice(start, i));
          this.quotePending = true;
          start = i + 1;
        }
        continue;
      }
      if (code === 34 && this.field === '' && start === i) {
        this.inQuotes = true;
        this.started = true;
        start = i + 1;
      } else if (code === delimiter) {
        this.take(text.slice(start, i));
        this.fields.push(this.field);
        this.field = '';
        this.started = true;
        start = i + 1;
      } else if (code === 10 || code === 13) {
        this.take(text.slice(start, i));
        this.emit(onRow);
        this.afterCr = code === 13;
        start = i + 1;
      } else {
        this.started = true;
      }
    }
    if (start < text.length) this.take(text.slice(start));
  }

  private take(piece: string): void {
    if (piece === '') return;
    this.recordChars += piece.length;
    if (this.recordChars > MAX_RECORD_CHARS)
      throw new ReferenceFileError(`Row ${this.rowNumber + 1} is longer than 16 MB. A quote may have been left open; check the file.`);
    this.field += piece;
  }

  private emit(onRow: (fields: string[]) => void): void {
    this.fields.push(this.field);
    const row = this.fields;
    this.fields = [];
    this.field = '';
    this.recordChars = 0;
    this.started = false;
    this.inQuotes = false;
    this.quotePending = false;
    this.rowNumber++;
    // Blank lines carry nothing.
    if (row.length === 1 && row[0] === '') return;
    onRow(row);
  }
}

/**
 * The header's column names as the mapping step shows them: an empty name becomes "Column N"
 * (pandas writes its index column with no name) and a repeated one gets " (2)".
 */
export function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, index) => {
    const base = raw.trim() === '' ? `Column ${index + 1}` : raw.trim();
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

/** Header words that name a field, once lower-cased with spaces, dashes and dots as '_'. */
const SYNONYMS: Record<ReferenceField, string[]> = {
  claimText: ['claim', 'claim_text', 'claimtext', 'claimreviewed', 'claim_reviewed', 'text', 'statement', 'vclaim', 'claim_statement'],
  url: ['url', 'link', 'fact_check_url', 'factcheck_url', 'review_url', 'article_url', 'claim_review_url'],
  title: ['title', 'headline', 'review_title'],
  claimant: ['claimant', 'speaker', 'said_by', 'claim_author'],
  claimDate: ['claim_date', 'claimdate', 'date_claimed', 'claim_made'],
  publisher: ['publisher', 'outlet', 'fact_checker', 'factchecker', 'organization', 'organisation', 'site', 'publisher_name'],
  rating: ['rating', 'verdict', 'textual_rating', 'textualrating', 'label', 'ruling', 'review_rating'],
  reviewDate: ['review_date', 'reviewdate', 'date', 'date_published', 'datepublished', 'published', 'published_date'],
  language: ['language', 'lang', 'language_code', 'languagecode', 'inlanguage'],
  externalId: ['id', 'external_id', 'vclaim_id', 'claim_id', 'identifier', 'review_id'],
};

const headerKey = (name: string) => name.trim().toLowerCase().replace(/[\s.-]+/g, '_');

/**
 * A mapping from the obvious header names; each field at most once (the first column wins). An
 * empty first header (a data set's index column) is the id.
 */
export function suggestMapping(header: string[]): ColumnMapping {
  const names = columnNames(header);
  const mapping: ColumnMapping = {};
  const used = new Set<ReferenceField>();
  header.forEach((raw, index) => {
    const key = headerKey(raw);
    const field = key === '' && index === 0 ? 'externalId' : REFERENCE_FIELDS.find((candidate) => SYNONYMS[candidate].includes(key));
    if (field && !used.has(field)) {
      used.add(field);
      mapping[names[index]!] = field;
    }
  });
  return mapping;
}

/**
 * The CheckThat! 2020 claim-retrieval file (`verified_claims.docs.tsv`): header "\tvclaim\ttitle",
 * rows "<id>\t<claim>\t<title>". Its suggested mapping is complete, so no mapping step is needed.
 */
export function isCheckThatHeader(header: string[]): boolean {
  return header.length === 3 && header[0]!.trim() === '' && header[1]!.trim() === 'vclaim' && header[2]!.trim() === 'title';
}

/** Checks a mapping against the file's columns; the message names what is wrong. */
export function checkMapping(columns: string[], mapping: ColumnMapping): void {
  const seen = new Set<ReferenceField>();
  for (const [column, field] of Object.entries(mapping)) {
    if (!columns.includes(column)) throw new ReferenceFileError(`The file has no column “${column}”.`);
    if (seen.has(field)) throw new ReferenceFileError(`Two columns are mapped to ${FIELD_LABELS[field]}. Choose one.`);
    seen.add(field);
  }
  if (!seen.has('claimText')) throw new ReferenceFileError('Choose the column that holds the claim text.');
}

/** Turns rows into raw items by the mapping (column positions worked out once). */
export function rowMapper(columns: string[], mapping: ColumnMapping): (row: string[]) => RawItem {
  const positions: [number, ReferenceField][] = [];
  for (const [column, field] of Object.entries(mapping)) positions.push([columns.indexOf(column), field]);
  return (row) => {
    const item: RawItem = {};
    for (const [index, field] of positions) item[field] = row[index];
    return item;
  };
}
