/**
 * Reads a whole project as a payload (through the repositories' readers) and writes one back
 * through the same table descriptions (main/repositories/tables.ts), but not through the
 * repositories: imported records and history are stored as they are (their ids, timestamps and
 * authors), where the repositories would record new changes.
 * Reads are in a fixed order, so exporting the same data twice gives the same project.json.
 */
import type { Change } from '../../shared/domain';
import type { RepoContext } from '../repositories/context';
import type { ProjectPayload } from './format';
import { sameJson } from './records';
import { listArticles } from '../repositories/articles';
import { listClaimsByProject } from '../repositories/claims';
import {
  listCorrectionsByProject,
  listPublications,
  listTeamNotesByProject,
} from '../repositories/editorial';
import { findProject } from '../repositories/projects';
import { listSourcesByProject } from '../repositories/sources';
import {
  ARTICLES,
  ATTACHMENTS,
  CHANGES,
  CLAIM_LINKS,
  CLAIMS,
  CORRECTIONS,
  PROJECTS,
  PUBLICATIONS,
  SOURCES,
  TEAM_NOTES,
  VERDICTS,
  type Row,
} from '../repositories/tables';
import { listVerdicts } from '../repositories/verdicts';

type Payload = ProjectPayload;
type ProjectRecord = Payload['project'];
type VerdictRecord = Payload['verdicts'][number];
type ArticleRecord = Payload['articles'][number];
type ClaimRecord = Payload['claims'][number];
type SourceRecord = Payload['sources'][number];
type Records = Omit<Payload, 'changes'>;

export interface ReadOptions {
  /**
   * "Leave out team notes and assignees": no team notes, every claim's assignee empty, and the
   * assignee fields of history entries emptied too, so no note text or assignee is in the file.
   */
  withoutTeamNotes?: boolean;
  /** "Leave out evidence files": no attachment rows (and, in the zip, no attachment entries). */
  withoutEvidence?: boolean;
}

export function findProjectRow(ctx: RepoContext, projectId: string): ProjectRecord | undefined {
  return findProject(ctx, projectId);
}

/** The project's records (everything but the history), in a fixed order. */
export function readProjectRecords(
  ctx: RepoContext,
  projectId: string,
  options: ReadOptions = {},
): Records | undefined {
  return ctx.tx(() => {
    const project = findProject(ctx, projectId);
    if (!project) return undefined;
    // The repositories' own readers; sorted here so the same data always gives the same file.
    const verdicts: VerdictRecord[] = listVerdicts(ctx, projectId).sort(
      (a, b) => a.position - b.position || compare(a.createdAt, b.createdAt) || compare(a.id, b.id),
    );
    const articles: ArticleRecord[] = listArticles(ctx, projectId);
    let claims: ClaimRecord[] = listClaimsByProject(ctx, projectId);
    const sources: SourceRecord[] = listSourcesByProject(ctx, projectId);
    claims.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
    sources.sort(
      (a, b) =>
        compare(a.createdAt, b.createdAt) ||
        compare(a.claimId, b.claimId) ||
        a.position - b.position ||
        compare(a.id, b.id),
    );
    // Ordered by time, then id, by the repositories' own readers.
    let teamNotes = listTeamNotesByProject(ctx, projectId);
    const corrections = listCorrectionsByProject(ctx, projectId);
    const publications = listPublications(ctx, projectId);
    // Links are published: "without team notes" keeps them.
    const claimLinks = readClaimLinks(ctx, projectId);
    if (options.withoutTeamNotes) {
      teamNotes = [];
      claims = claims.map((claim) => (claim.assignee === '' ? claim : { ...claim, assignee: '' }));
    }
    const attachments = options.withoutEvidence ? [] : readAttachments(ctx, projectId);
    return { project, verdicts, articles, claims, sources, teamNotes, corrections, publications, claimLinks, attachments };
  });
}

/** The SQL of a project's claim links, in the file's order (by time, then id); ./exportJson.ts iterates it. */
export const CLAIM_LINKS_SQL = `SELECT ${CLAIM_LINKS.columns()} FROM claim_links WHERE project_id = ? ORDER BY linked_at, id`;

function readClaimLinks(ctx: RepoContext, projectId: string): Payload['claimLinks'] {
  return (ctx.stmt(CLAIM_LINKS_SQL).all(projectId) as Row[]).map(CLAIM_LINKS.fromRow);
}

/** The SQL of a project's evidence rows, in the file's order (by source, time, id); ./exportJson.ts iterates it. */
export const ATTACHMENTS_SQL = `SELECT ${ATTACHMENTS.columns()} FROM attachments WHERE project_id = ? ORDER BY source_id, added_at, id`;

function readAttachments(ctx: RepoContext, projectId: string): Payload['attachments'] {
  return (ctx.stmt(ATTACHMENTS_SQL).all(projectId) as Row[]).map(ATTACHMENTS.fromRow);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The project with everything in it and its whole history; undefined when there is no such project. */
export function readProjectPayload(ctx: RepoContext, projectId: string): Payload | undefined {
  return ctx.tx(() => {
    const records = readProjectRecords(ctx, projectId);
    return records && { ...records, changes: readChanges(ctx, projectId) };
  });
}

/**
 * project.json for an export, straight from the rows: the same JSON as JSON.stringify of
 * readProjectPayload, but the history's `fields`, stored as JSON text, are spliced in as they are
 * instead of being parsed and serialised again.
 */
export function serializeProject(
  ctx: RepoContext,
  projectId: string,
  options: ReadOptions = {},
): { json: Buffer; records: Records; changeCount: number } | undefined {
  return ctx.tx(() => {
    const records = readProjectRecords(ctx, projectId, options);
    if (!records) return undefined;
    const rows = readChangeRows(ctx, projectId);
    const history = rows.map((row) =>
      options.withoutTeamNotes && (row.fields as string).includes('"assignee"')
        ? JSON.stringify(withoutAssignee(CHANGES.fromRow(row)))
        : CHANGES.jsonText(row),
    );
    const head = JSON.stringify(records);
    const json = Buffer.from(`${head.slice(0, -1)},"changes":[${history.join(',')}]}`, 'utf8');
    return { json, records, changeCount: rows.length };
  });
}

function readChangeRows(ctx: RepoContext, projectId: string): Row[] {
  return ctx
    .stmt(`SELECT ${CHANGES.columns()} FROM changes WHERE project_id = ? ORDER BY seq`)
    .all(projectId) as Row[];
}

/** A history entry with the assignee's name emptied wherever it recorded one. */
export function withoutAssignee(change: Change): Change {
  const assignee = change.fields.assignee;
  if (!assignee) return change;
  const blank: { before?: unknown; after?: unknown } = {};
  if ('before' in assignee) blank.before = '';
  if ('after' in assignee) blank.after = '';
  return { ...change, fields: { ...change.fields, assignee: blank } };
}

/** The project's whole history, oldest first. */
export function readChanges(ctx: RepoContext, projectId: string): Change[] {
  return readChangeRows(ctx, projectId).map(CHANGES.fromRow);
}

/**
 * Called after each row written, for progress (main/tasks: Task.step). It may throw (a cancelled
 * import): the caller's transaction then rolls back.
 */
export type OnRow = () => void;
const noRow: OnRow = () => undefined;

/** Inserts the records of a payload (not the project row, not the history), parents first. */
export function insertRecords(ctx: RepoContext, payload: Omit<Payload, 'changes' | 'project'>, onRow: OnRow = noRow): void {
  const insertAll = <T>(table: { insert(ctx: RepoContext, record: T): void }, records: readonly T[]) => {
    for (const record of records) {
      table.insert(ctx, record);
      onRow();
    }
  };
  insertAll(VERDICTS, payload.verdicts);
  insertAll(ARTICLES, payload.articles);
  insertAll(CLAIMS, payload.claims);
  insertAll(SOURCES, payload.sources);
  insertAll(TEAM_NOTES, payload.teamNotes);
  insertAll(CORRECTIONS, payload.corrections);
  insertAll(PUBLICATIONS, payload.publications);
  insertAll(CLAIM_LINKS, payload.claimLinks);
  insertAll(ATTACHMENTS, payload.attachments);
}

/** Appends history entries in the order given (they get the next seq numbers). */
export function insertChanges(ctx: RepoContext, changes: readonly Change[], onRow: OnRow = noRow): void {
  for (const change of changes) {
    CHANGES.insert(ctx, change);
    onRow();
  }
}

/** Rows a whole new project writes: the project, its records, its history (for progress). */
export function payloadRowCount(payload: Payload): number {
  return (
    1 +
    payload.verdicts.length +
    payload.articles.length +
    payload.claims.length +
    payload.sources.length +
    payload.teamNotes.length +
    payload.corrections.length +
    payload.publications.length +
    payload.claimLinks.length +
    payload.attachments.length +
    payload.changes.length
  );
}

/** A whole new project: the project row, its records, its history. */
export function insertProjectPayload(ctx: RepoContext, payload: Payload, onRow: OnRow = noRow): void {
  ctx.tx(() => {
    PROJECTS.insert(ctx, payload.project);
    onRow();
    insertRecords(ctx, payload, onRow);
    insertChanges(ctx, payload.changes, onRow);
  });
}

export function deleteProjectChanges(ctx: RepoContext, projectId: string): void {
  ctx.stmt(`DELETE FROM changes WHERE project_id = ?`).run(projectId);
}

interface Diff<T extends { id: string }> {
  added: T[];
  changed: T[];
  removed: T[];
}

export function diffRecords<T extends { id: string }>(before: readonly T[], after: readonly T[]): Diff<T> {
  const old = new Map(before.map((record) => [record.id, record]));
  const diff: Diff<T> = { added: [], changed: [], removed: [] };
  const kept = new Set<string>();
  for (const record of after) {
    const previous = old.get(record.id);
    if (!previous) diff.added.push(record);
    else if (previous !== record && !sameJson(previous, record)) diff.changed.push(record);
    kept.add(record.id);
  }
  for (const record of before) if (!kept.has(record.id)) diff.removed.push(record);
  return diff;
}

/**
 * Brings the project's rows from `before` (what the library holds) to `after`, touching only
 * the rows that differ: rows other tables may point at are never deleted and re-inserted. Runs in
 * the caller's transaction. The history is handled by the caller.
 */
export function applyPayloadDiff(
  ctx: RepoContext,
  before: Payload,
  after: Payload,
  onRow: OnRow = noRow,
  /** Told once how many rows will be written (for progress), before the first. */
  onTotal?: (rows: number) => void,
): void {
  ctx.tx(() => {
    if (!sameJson(before.project, after.project)) PROJECTS.update(ctx, after.project);
    const verdicts = diffRecords(before.verdicts, after.verdicts);
    const articles = diffRecords(before.articles, after.articles);
    const claims = diffRecords(before.claims, after.claims);
    const sources = diffRecords(before.sources, after.sources);
    const teamNotes = diffRecords(before.teamNotes, after.teamNotes);
    const corrections = diffRecords(before.corrections, after.corrections);
    const publications = diffRecords(before.publications, after.publications);
    const claimLinks = diffRecords(before.claimLinks, after.claimLinks);
    const attachments = diffRecords(before.attachments, after.attachments);
    if (onTotal) {
      const diffs = [verdicts, articles, claims, sources, teamNotes, corrections, publications, claimLinks, attachments];
      onTotal(diffs.reduce((sum, diff) => sum + diff.added.length + diff.changed.length + diff.removed.length, 0));
    }
    // Claim numbers are unique per project at every moment: the numbers of claims about to be
    // renumbered or removed are parked out of the way first, so a swap or a number taken over
    // from a removed claim never collides half-way.
    const previous = new Map(before.claims.map((claim) => [claim.id, claim.number]));
    const park = ctx.stmt(`UPDATE claims SET number = ? WHERE id = ?`);
    let parking = PARKED_NUMBERS;
    for (const claim of claims.changed)
      if (previous.get(claim.id) !== claim.number) park.run(parking++, claim.id);
    for (const claim of claims.removed) park.run(parking++, claim.id);
    // Links first out and last in: nothing points at a link, and a link removed here may hold the
    // (claim, earlier check) pair an added one takes. A changed one is replaced whole (its claim
    // and target are fixed columns an update would not touch).
    const removeLink = ctx.stmt(`DELETE FROM claim_links WHERE id = ?`);
    for (const link of claimLinks.removed) {
      removeLink.run(link.id);
      onRow();
    }
    for (const link of claimLinks.changed) removeLink.run(link.id); // Counted when inserted again.
    // Evidence is immutable: removed ones (and any that differ) go first, so the same file added
    // again on the same source never meets its old row.
    const removeEvidence = ctx.stmt(`DELETE FROM attachments WHERE id = ?`);
    for (const attachment of [...attachments.removed, ...attachments.changed]) {
      removeEvidence.run(attachment.id);
      onRow();
    }
    // Parents before children; removals last, children first, once no kept row points at them.
    insertRecords(
      ctx,
      {
        verdicts: verdicts.added,
        articles: articles.added,
        claims: claims.added,
        sources: sources.added,
        teamNotes: teamNotes.added,
        corrections: corrections.added,
        publications: publications.added,
        claimLinks: [...claimLinks.added, ...claimLinks.changed],
        attachments: [...attachments.added, ...attachments.changed],
      },
      onRow,
    );
    const updateAll = <T>(table: { update(ctx: RepoContext, record: T): void }, records: readonly T[]) => {
      for (const record of records) {
        table.update(ctx, record);
        onRow();
      }
    };
    updateAll(VERDICTS, verdicts.changed);
    updateAll(ARTICLES, articles.changed);
    updateAll(CLAIMS, claims.changed);
    updateAll(SOURCES, sources.changed);
    updateAll(TEAM_NOTES, teamNotes.changed);
    updateAll(CORRECTIONS, corrections.changed);
    updateAll(PUBLICATIONS, publications.changed);
    const remove = (table: { name: string }, rows: { id: string }[]) => {
      const statement = ctx.stmt(`DELETE FROM ${table.name} WHERE id = ?`);
      for (const row of rows) {
        statement.run(row.id);
        onRow();
      }
    };
    remove(PUBLICATIONS, publications.removed);
    remove(CORRECTIONS, corrections.removed);
    remove(TEAM_NOTES, teamNotes.removed);
    remove(SOURCES, sources.removed);
    remove(CLAIMS, claims.removed);
    remove(ARTICLES, articles.removed);
    remove(VERDICTS, verdicts.removed);
  });
}

/** Above any number a project hands out (the format caps them at 1,000,000,000). */
const PARKED_NUMBERS = 2_000_000_000;
