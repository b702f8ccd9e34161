import { z } from 'zod';
import { EntityType, Id, Project } from '../domain';
import { TaskId } from './contract.tasks';

/** Request/response schemas of the project-file channels, merged into ./contract.ts. */

const Side = z.enum(['yours', 'theirs']);

export const EntityCounts = z.object({
  verdicts: z.number().int(),
  articles: z.number().int(),
  claims: z.number().int(),
  sources: z.number().int(),
});
export type EntityCounts = z.infer<typeof EntityCounts>;

/** Team notes, correction notes and publications (format 2): append-only, merged as a union. */
export const EditorialCounts = z.object({
  teamNotes: z.number().int(),
  corrections: z.number().int(),
  publications: z.number().int(),
});
export type EditorialCounts = z.infer<typeof EditorialCounts>;

/** A claim whose number an import changed, for "Claim 4 is now Claim 6: …". */
export const RenumberedClaim = z.object({
  claimId: Id,
  /** Its number in your copy (for a claim new to your library: in the file). */
  from: z.number().int(),
  to: z.number().int(),
  statement: z.string(),
});
export type RenumberedClaim = z.infer<typeof RenumberedClaim>;

/** One side of a conflict: the value, how it reads, who changed it and when. */
export const ConflictSide = z.object({
  value: z.unknown(),
  /** The value as a person reads it (a verdict's label, not its id). Show this, as text. */
  display: z.string(),
  /** True on the side that deleted the record (kind 'deleted'). */
  deleted: z.boolean(),
  author: z.string(),
  at: z.string(),
});

/**
 * What both sides started from: the value of the field at the newest change both histories share
 * (or the value the record was created with). `common` is false when the copies share no value of
 * the field (e.g. the record was created in both copies); `display` then says so.
 */
export const ConflictBase = z.object({
  common: z.boolean(),
  /** The raw value (null when there is no common value, or for a deleted-vs-edited conflict). */
  value: z.unknown(),
  /** The value as a person reads it (a verdict's label, not its id). Show this, as text. */
  display: z.string(),
});

export const ImportConflict = z.object({
  /** Stable for the same data; the key of `resolutions` in projectFiles.apply. */
  id: z.string(),
  /** 'field': both changed one field; 'deleted': one side deleted the record, the other edited it. */
  kind: z.enum(['field', 'deleted']),
  entityType: EntityType,
  entityId: Id,
  /** The record as a person recognises it: a claim's quote, an article's title (plain text, not quoted). */
  label: z.string(),
  /** "Claim 7": the claim's number (for a source, its claim's; your copy's number); null otherwise. */
  claimNumber: z.number().int().nullable(),
  field: z.string().nullable(),
  fieldLabel: z.string(),
  /** The value both sides started from. */
  base: ConflictBase,
  yours: ConflictSide,
  theirs: ConflictSide,
});
export type ImportConflict = z.infer<typeof ImportConflict>;

export const ImportMode = z.enum(['new', 'merge', 'copy']);

export const ImportPreview = z.object({
  /** Pass to projectFiles.apply (or .discard). Valid while the app runs. */
  importId: z.string(),
  fileName: z.string(),
  projectId: Id,
  projectTitle: z.string(),
  /** 'new': the project is not in the library yet; 'merge': it is, and the file's work merges into it. */
  mode: z.enum(['new', 'merge']),
  exportedBy: z.string(),
  exportedAt: z.string(),
  appVersion: z.string(),
  formatVersion: z.number().int(),
  /** What the file holds. */
  counts: EntityCounts.extend(EditorialCounts.shape).extend({ changes: z.number().int() }),
  /** What importing would do to the library (for a merge: keeping yours in every conflict). */
  effect: z.object({
    added: EntityCounts,
    updated: EntityCounts,
    deleted: EntityCounts,
    editorialAdded: EditorialCounts,
    projectUpdated: z.boolean(),
    changesImported: z.number().int(),
  }),
  /** Empty for a new project. A merge with conflicts writes nothing until each has a side. */
  conflicts: z.array(ImportConflict),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportSummary = z.object({
  projectId: Id,
  title: z.string(),
  mode: ImportMode,
  added: EntityCounts,
  updated: EntityCounts,
  deleted: EntityCounts,
  /** Team notes, corrections and publications the file added (both sides' are always kept). */
  editorialAdded: EditorialCounts,
  projectUpdated: z.boolean(),
  /** How many conflicts were resolved keeping yours / theirs. */
  resolved: z.object({ yours: z.number().int(), theirs: z.number().int() }),
  changesImported: z.number().int(),
  /** Entries the merge recorded itself (resolutions, repairs), under your name. */
  changesRecorded: z.number().int(),
  reanchoredClaims: z.number().int(),
  /** Claims whose quote is no longer in the merged article text (shown as orphaned, never dropped). */
  orphanedClaims: z.number().int(),
  /**
   * Claims the merge gave another number (two copies had given one number to different claims;
   * the claim marked first keeps it, whoever imports whom). Conflicts on numbers are never asked.
   */
  renumberedClaims: z.array(RenumberedClaim),
  /** Approved claims whose published content the import changed: back to "In review". */
  approvalsWithdrawn: z.number().int(),
  /** The backup taken before the merge: projectFiles.restoreBackup puts it back. */
  backupId: Id.nullable(),
  /** The library already had everything in the file. */
  unchanged: z.boolean(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ProjectBackup = z.object({
  id: Id,
  projectId: Id,
  createdAt: z.string(),
  /** e.g. 'Before importing “Peskov.factcheck”'. */
  reason: z.string(),
  title: z.string(),
  claimCount: z.number().int(),
});
export type ProjectBackup = z.infer<typeof ProjectBackup>;

const ImportId = z.string().min(1).max(100);

export const projectFileContract = {
  /**
   * Asks where to save "<title>.factcheck", writes it atomically. null: the person cancelled.
   * `withoutTeamNotes` ("Leave out team notes and assignees"): no team notes and no assignee in the
   * file, history included. `leaveOutEvidence` ("Leave out evidence files"): no evidence rows and
   * no attachments/ entries (an approved claim with evidence then arrives "In review").
   */
  'projectFiles.export': {
    request: z
      .object({
        projectId: Id,
        withoutTeamNotes: z.boolean().optional(),
        leaveOutEvidence: z.boolean().optional(),
        taskId: TaskId.optional(),
      })
      .strict(),
    response: z.object({ path: z.string(), bytes: z.number().int() }).nullable(),
  },
  /**
   * Reads and checks a project file (the open dialog when no path is given) and says what importing
   * it would do. Nothing is written. null: the person cancelled the dialog.
   */
  'projectFiles.inspect': {
    request: z
      .object({
        path: z
          .string()
          .min(1)
          .max(4_096)
          .refine((value) => /\.factcheck$/i.test(value), { message: 'Choose a .factcheck project file.' })
          .refine((value) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value), { message: 'The file’s full path is needed.' })
          .optional(),
        taskId: TaskId.optional(),
      })
      .strict(),
    response: ImportPreview.nullable(),
  },
  /**
   * Imports an inspected file. A merge with conflicts needs a side for every conflict, in
   * `resolutions` or through `defaultSide`; `asCopy` imports it as a separate project with new ids.
   */
  'projectFiles.apply': {
    request: z
      .object({
        importId: ImportId,
        asCopy: z.boolean().optional(),
        resolutions: z.record(z.string().max(200), Side).optional(),
        defaultSide: Side.optional(),
        taskId: TaskId.optional(),
      })
      .strict(),
    response: ImportSummary,
  },
  /** Forgets an inspected file the person decided not to import. */
  'projectFiles.discard': { request: z.object({ importId: ImportId }).strict(), response: z.null() },
  /** Backups of the project, newest first ("Restore version before import"). */
  'projectFiles.backups': { request: z.object({ projectId: Id }).strict(), response: z.array(ProjectBackup) },
  /** Puts the backed-up version back (after backing up the current one). */
  'projectFiles.restoreBackup': { request: z.object({ backupId: Id }).strict(), response: Project },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
