import { z } from 'zod';
import { Id } from '../domain';
import { REFERENCE_FIELDS, REFERENCE_FORMATS } from '../references/types';
import { TaskId } from './contract.tasks';

/** Request/response schemas of the reference fact-check channels, merged into ./contract.ts. */

const FilePath = z
  .string()
  .min(1)
  .max(4_096)
  .refine((value) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value), { message: 'The file’s full path is needed.' });

export const ReferenceFieldName = z.enum(REFERENCE_FIELDS);
/** CSV/TSV: column name → the field it fills. */
export const ColumnMappingSchema = z.record(z.string().max(500), ReferenceFieldName);

export const ReferenceItemSchema = z.object({
  claimText: z.string(),
  url: z.string(),
  title: z.string(),
  claimant: z.string(),
  claimDate: z.string(),
  publisher: z.string(),
  rating: z.string(),
  reviewDate: z.string(),
  language: z.string(),
  externalId: z.string(),
});

export const ReferenceInspection = z.object({
  /** The chosen file; pass it to references.import. */
  path: z.string(),
  fileName: z.string(),
  format: z.enum(REFERENCE_FORMATS),
  /** CSV/TSV: the header's column names (empty for JSON). */
  columns: z.array(z.string()),
  /** CSV/TSV: what the obvious headers map to. */
  suggestedMapping: ColumnMappingSchema,
  /** False when the suggestion is known to fit (JSON, the CheckThat! TSV): no mapping step. */
  needsMapping: z.boolean(),
  /** CSV/TSV: the first data rows as they are (cells cut short), to preview another mapping. */
  sampleRows: z.array(z.array(z.string())),
  /** Up to 5 items as they would be stored with the suggested mapping. */
  sample: z.array(ReferenceItemSchema),
  itemCount: z.number().int().nonnegative(),
  /** True for a large CSV/TSV, counted from the size of its first rows. */
  countIsEstimate: z.boolean(),
});
export type ReferenceInspection = z.infer<typeof ReferenceInspection>;

export const ReferenceCollection = z.object({
  id: Id,
  name: z.string(),
  format: z.enum(REFERENCE_FORMATS),
  sourceFile: z.string(),
  importedAt: z.string(),
  itemCount: z.number().int().nonnegative(),
});
export type ReferenceCollection = z.infer<typeof ReferenceCollection>;

export const ReferenceImportResult = z.object({
  collectionId: Id,
  collectionName: z.string(),
  /** New reference checks. */
  added: z.number().int().nonnegative(),
  /** Items whose URL or id was already in the collection (or earlier in the file): they updated it. */
  merged: z.number().int().nonnegative(),
  /** Items with no claim text, left out. */
  skipped: z.number().int().nonnegative(),
});
export type ReferenceImportResult = z.infer<typeof ReferenceImportResult>;

export const referenceContract = {
  /**
   * Reads a file of published fact-checks (the open dialog when no path is given) and says what it
   * holds. Nothing is written. null: the person cancelled the dialog.
   */
  'references.inspect': {
    request: z.object({ path: FilePath.optional(), taskId: TaskId.optional() }).strict(),
    response: ReferenceInspection.nullable(),
  },
  /**
   * Imports the file into the collection named `collectionName` (created, or added to when one has
   * that name), in one transaction: a cancel leaves the library as it was.
   */
  'references.import': {
    request: z
      .object({
        path: FilePath,
        collectionName: z.string().trim().min(1, { message: 'Name the collection.' }).max(200),
        mapping: ColumnMappingSchema.optional(),
        taskId: TaskId.optional(),
      })
      .strict(),
    response: ReferenceImportResult,
  },
  /** Every collection, newest import first. */
  'references.collections': { request: z.object({}).strict(), response: z.array(ReferenceCollection) },
  /** Deletes a collection and its reference checks. */
  'references.deleteCollection': { request: z.object({ id: Id }).strict(), response: z.null() },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
