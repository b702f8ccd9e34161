/**
 * Import: read and check a project file completely (./unpack, ./upgrade, ./validate), then plan
 * (new project, merge into the existing one, or a separate copy) and apply the plan in one
 * transaction. Any failure before or during the write leaves the library as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, toAppError } from '../errors';
import type { RepoContext } from '../repositories/context';
import {
  PROJECT_ENTRY,
  PROJECT_FILE_LIMITS,
  type Manifest,
  type ProjectFileLimits,
  type ProjectPayload,
} from './format';
import { checkApprovals } from './approvalChecks';
import { createBackup } from './backups';
import {
  planMerge,
  resolveMerge,
  type EditorialCounts,
  type EntityCounts,
  type MergeConflict,
  type MergeOutcome,
  type MergePlan,
  type MergeSummary,
  type Resolutions,
  type Side,
} from './merge';
import { formatBytes, importError } from './messages';
import type { Task } from '../tasks/tasks';
import {
  applyPayloadDiff,
  insertChanges,
  insertProjectPayload,
  payloadRowCount,
  readProjectPayload,
} from './projectStore';
import { publishedParts, sealInPayload } from './seals';
import { removeAdded, storeEvidence, type EvidenceSource } from './evidenceImport';
import { fillCaptureSearchText } from '../capture/captureSearchText';
import { decodeUtf8, unpackProjectSource } from './unpack';
import { upgradePayload, type UpgradePipeline } from './upgrade';
import { checkEvidenceEntries, checkIntegrity, checkRawLimits, normaliseTimestamps } from './validate';
import { bufferSource, fileSource, type ByteSource } from './zipReader';

export interface ProjectFileContents {
  fileName: string;
  /** The version the file was written in (the payload is upgraded to the current one). */
  formatVersion: number;
  manifest: Manifest;
  payload: ProjectPayload;
  /** Format 4: where the evidence files are, read when the import is applied. */
  evidence: EvidenceSource;
}

export interface ReadOptions {
  limits?: Partial<ProjectFileLimits>;
  pipeline?: UpgradePipeline;
}

/** Everything about the file is checked here; what returns is a valid, current payload. */
export function parseProjectFile(
  bytes: Uint8Array,
  fileName: string,
  options: ReadOptions = {},
): ProjectFileContents {
  return parseProjectSource(() => bufferSource(bytes), fileName, options);
}

/**
 * The same from a source opened by `open` (a buffer, or the file on disk: never read whole).
 * Evidence files are only listed here; their bytes are read and checked when the import is applied.
 */
export function parseProjectSource(
  open: () => ByteSource,
  fileName: string,
  options: ReadOptions = {},
): ProjectFileContents {
  const limits: ProjectFileLimits = { ...PROJECT_FILE_LIMITS, ...options.limits };
  let source: ByteSource | undefined;
  try {
    source = open();
    const unpacked = unpackProjectSource(source, { fileName, limits });
    const text = decodeUtf8(unpacked.projectJson, fileName, PROJECT_ENTRY);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw importError(
        'invalid_request',
        fileName,
        `${PROJECT_ENTRY} is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`,
      );
    }
    checkRawLimits(raw, fileName, limits);
    const payload = normaliseTimestamps(
      upgradePayload(raw, unpacked.formatVersion, fileName, options.pipeline) as ProjectPayload,
      fileName,
    );
    checkIntegrity(payload, fileName);
    checkEvidenceEntries(payload, unpacked.manifest, fileName, limits);
    const evidence: EvidenceSource = {
      open,
      entries: new Map(unpacked.attachmentEntries.map((entry) => [entry.name, entry])),
    };
    return { fileName, formatVersion: unpacked.formatVersion, manifest: unpacked.manifest, payload, evidence };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Whatever else a damaged file provokes, the person gets a sentence, not a stack trace.
    throw importError('invalid_request', fileName, 'the file is damaged and could not be read');
  } finally {
    source?.close();
  }
}

export function readProjectFileFromPath(filePath: string, options: ReadOptions = {}): ProjectFileContents {
  const fileName = path.basename(filePath);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new AppError(
      'not_found',
      `“${fileName}” was not found (${filePath}). It may have been moved or renamed.`,
    );
  }
  if (!stat.isFile()) throw importError('invalid_request', fileName, 'it is a folder, not a project file');
  const limit = options.limits?.fileBytes ?? PROJECT_FILE_LIMITS.fileBytes;
  if (stat.size > limit)
    throw importError(
      'too_large',
      fileName,
      `the file is ${formatBytes(stat.size)}; a project file can be at most ${formatBytes(limit)}`,
    );
  const open = (): ByteSource => {
    try {
      return fileSource(filePath);
    } catch (error) {
      const code = toAppError(error).code;
      throw importError(
        code === 'storage_read_only' ? 'forbidden' : 'invalid_request',
        fileName,
        'the file could not be read (check that you may open it)',
      );
    }
  };
  return parseProjectSource(open, fileName, options);
}

export type ImportMode = 'new' | 'merge' | 'copy';

export interface ImportPreview {
  added: EntityCounts;
  updated: EntityCounts;
  deleted: EntityCounts;
  editorialAdded: EditorialCounts;
  projectUpdated: boolean;
  changesImported: number;
}

export interface ImportPlan {
  mode: ImportMode;
  contents: ProjectFileContents;
  merge: MergePlan | null;
  conflicts: MergeConflict[];
  /** What applying would do (for a merge: keeping yours in every conflict). */
  preview: ImportPreview;
}

const countsOf = (payload: ProjectPayload): EntityCounts => ({
  verdicts: payload.verdicts.length,
  articles: payload.articles.length,
  claims: payload.claims.length,
  sources: payload.sources.length,
});
const zeroCounts = (): EntityCounts => ({ verdicts: 0, articles: 0, claims: 0, sources: 0 });
const editorialOf = (payload: ProjectPayload): EditorialCounts => ({
  teamNotes: payload.teamNotes.length,
  corrections: payload.corrections.length,
  publications: payload.publications.length,
});

export function planImport(
  ctx: RepoContext,
  contents: ProjectFileContents,
  options: { asCopy?: boolean; preview?: boolean } = {},
): ImportPlan {
  const theirs = contents.payload;
  const fresh: ImportPreview = {
    added: countsOf(theirs),
    updated: zeroCounts(),
    deleted: zeroCounts(),
    editorialAdded: editorialOf(theirs),
    projectUpdated: false,
    changesImported: theirs.changes.length,
  };
  if (options.asCopy) return { mode: 'copy', contents, merge: null, conflicts: [], preview: fresh };
  const ours = readProjectPayload(ctx, theirs.project.id);
  if (!ours) return { mode: 'new', contents, merge: null, conflicts: [], preview: fresh };
  const merge = planMerge(ours, theirs);
  if (options.preview === false)
    return { mode: 'merge', contents, merge, conflicts: merge.conflicts, preview: fresh };
  const { summary } = resolveMerge(merge, {}, { author: '', now: ctx.now(), newId: ctx.newId }, 'yours');
  return {
    mode: 'merge',
    contents,
    merge,
    conflicts: merge.conflicts,
    preview: {
      added: summary.added,
      updated: summary.updated,
      deleted: summary.deleted,
      editorialAdded: summary.editorialAdded,
      projectUpdated: summary.projectUpdated,
      changesImported: summary.changesImported,
    },
  };
}

export interface ApplyOptions {
  asCopy?: boolean;
  /** Conflict id → the side to keep. */
  resolutions?: Resolutions;
  /** The side for every conflict without its own resolution ("keep all of theirs"). */
  defaultSide?: Side;
  /**
   * What the person reviewed. The plan is computed again inside the write transaction; if the
   * library changed meanwhile so that it has other conflicts (or another mode), nothing is written.
   */
  expected?: { mode: ImportMode; conflictIds: readonly string[] };
  /**
   * Progress and cancel (main/tasks): a stage per step, a step per row written. A cancel throws the
   * 'cancelled' AppError inside the transaction, so nothing of the import is kept.
   */
  task?: Task;
  /** The library folder whose attachments/ store gets the evidence files; default: beside the database file. */
  dataDir?: string;
}

export interface ImportSummary extends MergeSummary {
  projectId: string;
  title: string;
  mode: ImportMode;
  /** The backup taken before a merge ("Restore version before import"); null when none was needed. */
  backupId: string | null;
  /** True when the library already had everything in the file. */
  unchanged: boolean;
  /** Approved claims the import changed, returned to "In review" (the approval rule). */
  approvalsWithdrawn: number;
}

export function applyImport(
  ctx: RepoContext,
  contents: ProjectFileContents,
  options: ApplyOptions = {},
): ImportSummary {
  // The files first, checked as they are stored: a damaged one refuses the import before any row.
  const dataDir = options.dataDir ?? libraryFolderOf(ctx, contents);
  const stored = dataDir === null ? { added: [] } : storeEvidence(dataDir, contents.fileName, contents.evidence, wantedEvidence(contents.payload), options.task);
  try {
    return ctx.tx(() => {
      const summary = applyInTransaction(ctx, contents, options);
      // Project files carry no captured text for search: it is read from the files just stored.
      if (dataDir !== null) fillCaptureSearchText(ctx.db, dataDir, summary.projectId);
      return summary;
    });
  } catch (error) {
    if (dataDir !== null) removeAdded(dataDir, stored.added);
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? String((error as { code: unknown }).code)
        : '';
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw importError(
        'conflict',
        contents.fileName,
        'some of its records have the same ids as records of another project in your library (it may have been imported before as a copy). Import it as a separate copy instead',
      );
    }
    throw toAppError(error);
  }
}

function applyInTransaction(
  ctx: RepoContext,
  contents: ProjectFileContents,
  options: ApplyOptions,
): ImportSummary {
  const task = options.task;
  task?.stage(`Comparing “${contents.fileName}” with your library`);
  const plan = planImport(ctx, contents, { asCopy: options.asCopy ?? false, preview: false });
  if (options.expected) {
    const seen = new Set(options.expected.conflictIds);
    if (plan.mode !== options.expected.mode || plan.conflicts.some((conflict) => !seen.has(conflict.id))) {
      throw new AppError(
        'conflict',
        'The project changed in your library since you opened the file. Open the file again to review what it will change. Nothing was changed.',
      );
    }
  }
  const base = {
    resolved: { yours: 0, theirs: 0 },
    changesRecorded: 0,
    reanchoredClaims: 0,
    orphanedClaims: 0,
    renumberedClaims: [],
    backupId: null,
    unchanged: false,
    approvalsWithdrawn: 0,
  };
  const writing = (payload: ProjectPayload) => `Writing “${payload.project.title}” to your library`;
  if (plan.mode === 'new') {
    task?.stage(writing(contents.payload), payloadRowCount(contents.payload));
    insertProjectPayload(ctx, contents.payload, task ? () => task.step() : undefined);
    task?.check();
    return {
      ...base,
      ...plan.preview,
      approvalsWithdrawn: checkApprovals(ctx, approvedClaims(contents.payload), 'merge'),
      projectId: contents.payload.project.id,
      title: contents.payload.project.title,
      mode: 'new',
    };
  }
  if (plan.mode === 'copy') {
    const { payload, changesRecorded } = copyWithNewIds(contents.payload, ctx, takenTitles(ctx));
    task?.stage(writing(payload), payloadRowCount(payload));
    insertProjectPayload(ctx, payload, task ? () => task.step() : undefined);
    task?.check();
    return {
      ...base,
      ...plan.preview,
      changesRecorded,
      approvalsWithdrawn: checkApprovals(ctx, approvedClaims(payload), 'merge'),
      projectId: payload.project.id,
      title: payload.project.title,
      mode: 'copy',
    };
  }
  const merge = plan.merge!;
  task?.check();
  const outcome = resolveMerge(
    merge,
    options.resolutions ?? {},
    { author: ctx.author(), now: ctx.now(), newId: ctx.newId },
    options.defaultSide,
  );
  const summary = {
    ...base,
    ...outcome.summary,
    projectId: merge.projectId,
    title: outcome.payload.project.title,
    mode: 'merge' as const,
  };
  if (!outcome.changed) return { ...summary, unchanged: true };
  // The merged project must hold together exactly like an imported one; if not, write nothing.
  checkIntegrity(outcome.payload, contents.fileName);
  task?.stage(`Backing up “${merge.yours.project.title}” before the merge`);
  const backupId = createBackup(ctx, merge.yours, `Before importing “${contents.fileName}”`);
  const approvalsWithdrawn = writeMergeOutcome(ctx, merge.yours, outcome, task);
  task?.check();
  return { ...summary, backupId, approvalsWithdrawn };
}

/**
 * Writes a merge's result over the library's copy (`before`) in the caller's transaction: the
 * rows that differ, the history to append, and the approved claims whose content changed handed
 * to the approval rule. Answers how many approvals the rule will withdraw.
 */
export function writeMergeOutcome(
  ctx: RepoContext,
  before: ProjectPayload,
  outcome: MergeOutcome,
  task?: Task,
): number {
  const onRow = task ? () => task.step() : undefined;
  return ctx.tx(() => {
    applyPayloadDiff(ctx, before, outcome.payload, onRow, (rows) =>
      task?.stage(`Writing the merge of “${outcome.payload.project.title}”`, rows + outcome.appendChanges.length),
    );
    insertChanges(ctx, outcome.appendChanges, onRow);
    return checkApprovals(ctx, outcome.approvalChecks, 'merge');
  });
}

/** The evidence files a payload needs in the store: SHA-256 → a name for messages. */
function wantedEvidence(payload: ProjectPayload): Map<string, string> {
  const wanted = new Map<string, string>();
  for (const attachment of payload.attachments)
    if (!wanted.has(attachment.sha256)) wanted.set(attachment.sha256, attachment.name);
  return wanted;
}

/** The folder of the library's database (its attachments/ store beside it); null when it has no files. */
function libraryFolderOf(ctx: RepoContext, contents: ProjectFileContents): string | null {
  const file = ctx.db.name;
  if (file && file !== ':memory:') return path.dirname(file);
  if (contents.payload.attachments.length === 0) return null;
  throw new AppError('internal', 'This library keeps no files, so a project file with evidence files cannot be imported into it.');
}

/** A file's approved claims: the approval rule checks them all (a seal must match what it says). */
const approvedClaims = (payload: ProjectPayload) =>
  payload.claims.filter((claim) => claim.status === 'approved').map((claim) => claim.id);

function takenTitles(ctx: RepoContext): Set<string> {
  return new Set(
    (ctx.stmt(`SELECT title FROM projects`).all() as { title: string }[]).map((row) => row.title),
  );
}

/**
 * The same project under new ids everywhere (records, history entries, the ids history entries
 * refer to), so it can sit beside the original. A title already in the library gets " (copy)",
 * recorded as a change by the local user.
 */
export function copyWithNewIds(
  payload: ProjectPayload,
  ctx: Pick<RepoContext, 'newId' | 'now' | 'author'>,
  titles: ReadonlySet<string> = new Set(),
): { payload: ProjectPayload; changesRecorded: number } {
  const ids = new Map<string, string>();
  const remap = (id: string): string => {
    let next = ids.get(id);
    if (!next) ids.set(id, (next = ctx.newId()));
    return next;
  };
  const projectId = remap(payload.project.id);
  for (const list of [
    payload.verdicts,
    payload.articles,
    payload.claims,
    payload.sources,
    payload.teamNotes,
    payload.corrections,
    payload.publications,
    payload.claimLinks,
    payload.attachments,
  ])
    for (const record of list) remap(record.id);
  for (const change of payload.changes) remap(change.entityId);
  const ref = (value: unknown) => (typeof value === 'string' && ids.has(value) ? ids.get(value)! : value);

  const changes: ProjectPayload['changes'] = payload.changes.map((change) => {
    const fields: ProjectPayload['changes'][number]['fields'] = {};
    for (const [field, values] of Object.entries(change.fields)) {
      const refers = field === 'verdictId' || field === 'claimId' || field === 'articleId';
      const copy: { before?: unknown; after?: unknown } = {};
      if ('before' in values) copy.before = refers ? ref(values.before) : values.before;
      if ('after' in values) copy.after = refers ? ref(values.after) : values.after;
      fields[field] = copy;
    }
    return { ...change, id: ctx.newId(), projectId, entityId: ids.get(change.entityId)!, fields };
  });
  let title = payload.project.title;
  if (titles.has(title)) {
    const base = Array.from(title).slice(0, 480).join('');
    title = `${base} (copy)`;
    for (let n = 2; titles.has(title); n++) title = `${base} (copy ${n})`;
    changes.push({
      id: ctx.newId(),
      projectId,
      entityType: 'project',
      entityId: projectId,
      op: 'update',
      fields: { title: { before: payload.project.title, after: title } },
      author: ctx.author(),
      at: ctx.now(),
    });
  }
  const sources = payload.sources.map((source) => ({
    ...source,
    id: ids.get(source.id)!,
    claimId: ids.get(source.claimId)!,
  }));
  const corrections = payload.corrections.map((correction) => ({
    ...correction,
    id: ids.get(correction.id)!,
    projectId,
    claimId: ids.get(correction.claimId)!,
  }));
  // A link to a claim of the same project points at that claim's copy; any other target (another
  // project's claim, a reference) is left as it is.
  const claimLinks = payload.claimLinks.map((link) => ({
    ...link,
    id: ids.get(link.id)!,
    projectId,
    claimId: ids.get(link.claimId)!,
    targetId: link.targetKind === 'claim' ? (ref(link.targetId) as string) : link.targetId,
  }));
  // A seal covers the claim's verdict by id: an approval that held in the original is sealed
  // again on the copy's ids (and so are the seals its publications recorded for it).
  const attachments = payload.attachments.map((attachment) => ({
    ...attachment,
    id: ids.get(attachment.id)!,
    projectId,
    sourceId: ids.get(attachment.sourceId)!,
  }));
  const before = publishedParts(payload.sources, payload.corrections, payload.claimLinks, payload.attachments);
  const after = publishedParts(sources, corrections, claimLinks, attachments);
  const resealed = new Map<string, string>();
  const claims = payload.claims.map((claim) => {
    const copy = {
      ...claim,
      id: ids.get(claim.id)!,
      projectId,
      articleId: ids.get(claim.articleId)!,
      verdictId: claim.verdictId === null ? null : ids.get(claim.verdictId)!,
    };
    if (
      claim.status === 'approved' &&
      claim.approval.seal !== '' &&
      claim.approval.seal === sealInPayload(claim, before)
    ) {
      copy.approval = { ...claim.approval, seal: sealInPayload(copy, after) };
      resealed.set(`${claim.id}:${claim.approval.seal}`, copy.approval.seal);
    }
    return copy;
  });
  return {
    payload: {
      project: { ...payload.project, id: projectId, title },
      verdicts: payload.verdicts.map((verdict) => ({ ...verdict, id: ids.get(verdict.id)!, projectId })),
      articles: payload.articles.map((article) => ({ ...article, id: ids.get(article.id)!, projectId })),
      claims,
      sources,
      teamNotes: payload.teamNotes.map((note) => ({
        ...note,
        id: ids.get(note.id)!,
        projectId,
        claimId: ids.get(note.claimId)!,
      })),
      corrections,
      publications: payload.publications.map((publication) => ({
        ...publication,
        id: ids.get(publication.id)!,
        projectId,
        claims: publication.claims.map((published) => ({
          ...published,
          claimId: remap(published.claimId),
          seal: resealed.get(`${published.claimId}:${published.seal}`) ?? published.seal,
        })),
      })),
      claimLinks,
      attachments,
      changes,
    },
    changesRecorded: title === payload.project.title ? 0 : 1,
  };
}
