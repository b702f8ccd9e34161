/**
 * Reference fact-checks: what one published fact-check holds once read from a file, whatever the
 * file's format. Pure: used by the parsers here, the import in main/references and the dialog.
 */

/** The formats a collection can come from (stored in reference_collections.format). */
export const REFERENCE_FORMATS = ['claimreview', 'factcheck-api', 'csv', 'tsv'] as const;
export type ReferenceFormat = (typeof REFERENCE_FORMATS)[number];

export const FORMAT_LABELS: Record<ReferenceFormat, string> = {
  claimreview: 'ClaimReview (JSON-LD)',
  'factcheck-api': 'Fact-check search API (JSON)',
  csv: 'CSV',
  tsv: 'TSV',
};

/** The fields of a reference check, in the order the mapping step shows them. */
export const REFERENCE_FIELDS = [
  'claimText',
  'url',
  'title',
  'claimant',
  'claimDate',
  'publisher',
  'rating',
  'reviewDate',
  'language',
  'externalId',
] as const;
export type ReferenceField = (typeof REFERENCE_FIELDS)[number];

export const FIELD_LABELS: Record<ReferenceField, string> = {
  claimText: 'Claim text',
  url: 'URL',
  title: 'Title',
  claimant: 'Claimant',
  claimDate: 'Claim date',
  publisher: 'Publisher',
  rating: 'Rating',
  reviewDate: 'Review date',
  language: 'Language',
  externalId: 'Id',
};

/** One reference check as stored: every field a string, '' when the file had none. */
export type ReferenceItem = Record<ReferenceField, string>;

/** What a parser found for one item, before cleaning: any JSON value or a cell's text per field. */
export type RawItem = Partial<Record<ReferenceField, unknown>>;

/**
 * The longest each field may be, in UTF-16 units; longer text is cut there. A 10 MB string in a
 * file is almost always a mistake, and one would make every search result unreadable.
 */
export const FIELD_LIMITS: Record<ReferenceField, number> = {
  claimText: 10_000,
  url: 2_048,
  title: 1_000,
  claimant: 500,
  claimDate: 10,
  publisher: 500,
  rating: 500,
  reviewDate: 10,
  language: 35,
  externalId: 500,
};

/** A CSV/TSV mapping: column name (as listed by inspect) → the field it fills. */
export type ColumnMapping = Record<string, ReferenceField>;

/** A file we refuse to read, with the message the person sees. */
export class ReferenceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceFileError';
  }
}
