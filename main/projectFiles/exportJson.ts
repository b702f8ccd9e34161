/**
 * project.json for an export to disk, written in pieces: the large tables (articles, claims,
 * sources, claim links, the history) are read a row at a time with `.iterate()` and serialised per record, so
 * the export never holds the whole project, as records or as text. The pieces join to exactly the
 * text of serializeProject (./projectStore.ts): the same keys, the same record order (the same
 * sort keys, in SQL), the history's `fields` read whole through the CHANGES description.
 */
import type { Claim } from '../../shared/domain';
import type { RepoContext } from '../repositories/context';
import {
  listCorrectionsByProject,
  listPublications,
  listTeamNotesByProject,
} from '../repositories/editorial';
import { findProject } from '../repositories/projects';
import { ARTICLES, ATTACHMENTS, CHANGES, CLAIM_LINKS, CLAIMS, SOURCES, type Row, type Table } from '../repositories/tables';
import { listVerdicts } from '../repositories/verdicts';
import type { ProjectPayload } from './format';
import { ATTACHMENTS_SQL, CLAIM_LINKS_SQL, withoutAssignee, type ReadOptions } from './projectStore';

export interface ProjectJsonCounts {
  verdicts: number;
  articles: number;
  claims: number;
  sources: number;
  teamNotes: number;
  corrections: number;
  publications: number;
  claimLinks: number;
  attachments: number;
  changes: number;
}

export interface WrittenProjectJson {
  project: ProjectPayload['project'];
  counts: ProjectJsonCounts;
}

/**
 * Writes the project's project.json to `write`, piece by piece, in the caller's transaction (so
 * every piece comes from one snapshot). `onRecord` is called after each record (progress, cancel).
 * Undefined when there is no such project.
 */
export function writeProjectJson(
  ctx: RepoContext,
  projectId: string,
  options: ReadOptions,
  write: (piece: string) => void,
  onRecord: () => void = () => undefined,
): WrittenProjectJson | undefined {
  const project = findProject(ctx, projectId);
  if (!project) return undefined;
  const blankAssignee = options.withoutTeamNotes ?? false;
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const verdicts = listVerdicts(ctx, projectId).sort(
    (a, b) => a.position - b.position || compare(a.createdAt, b.createdAt) || compare(a.id, b.id),
  );

  write(`{"project":${JSON.stringify(project)}`);
  const counts: ProjectJsonCounts = {
    verdicts: writeList(
      write,
      'verdicts',
      verdicts.map((verdict) => JSON.stringify(verdict)),
      onRecord,
    ),
    articles: writeRows(
      write,
      'articles',
      rows(
        ctx,
        `SELECT ${ARTICLES.columns()} FROM articles WHERE project_id = ? ORDER BY created_at, id`,
        projectId,
      ),
      jsonOf(ARTICLES),
      onRecord,
    ),
    claims: writeRows(
      write,
      'claims',
      rows(
        ctx,
        `SELECT ${CLAIMS.columns()} FROM claims WHERE project_id = ? ORDER BY created_at, id`,
        projectId,
      ),
      blankAssignee ? claimWithoutAssignee : jsonOf(CLAIMS),
      onRecord,
    ),
    sources: writeRows(
      write,
      'sources',
      rows(
        ctx,
        `SELECT ${SOURCES.columns('s')} FROM sources s JOIN claims c ON c.id = s.claim_id WHERE c.project_id = ?
         ORDER BY s.created_at, s.claim_id, s.position, s.id`,
        projectId,
      ),
      jsonOf(SOURCES),
      onRecord,
    ),
    teamNotes: writeList(
      write,
      'teamNotes',
      blankAssignee ? [] : listTeamNotesByProject(ctx, projectId).map((note) => JSON.stringify(note)),
      onRecord,
    ),
    corrections: writeList(
      write,
      'corrections',
      listCorrectionsByProject(ctx, projectId).map((correction) => JSON.stringify(correction)),
      onRecord,
    ),
    publications: writeList(
      write,
      'publications',
      listPublications(ctx, projectId).map((publication) => JSON.stringify(publication)),
      onRecord,
    ),
    // Published, so kept "without team notes".
    claimLinks: writeRows(write, 'claimLinks', rows(ctx, CLAIM_LINKS_SQL, projectId), jsonOf(CLAIM_LINKS), onRecord),
    attachments: writeRows(
      write,
      'attachments',
      options.withoutEvidence ? [] : rows(ctx, ATTACHMENTS_SQL, projectId),
      jsonOf(ATTACHMENTS),
      onRecord,
    ),
    changes: writeRows(
      write,
      'changes',
      rows(ctx, `SELECT ${CHANGES.columns()} FROM changes WHERE project_id = ? ORDER BY seq`, projectId),
      (row) =>
        blankAssignee && (row.fields as string).includes('"assignee"')
          ? JSON.stringify(withoutAssignee(CHANGES.fromRow(row)))
          : CHANGES.jsonText(row),
      onRecord,
    ),
  };
  write('}');
  return { project, counts };
}

function rows(ctx: RepoContext, sql: string, projectId: string): IterableIterator<Row> {
  return ctx.stmt(sql).iterate(projectId) as IterableIterator<Row>;
}

const jsonOf =
  <T>(table: Table<T>) =>
  (row: Row): string =>
    table.jsonText(row);

function writeList(
  write: (piece: string) => void,
  key: string,
  texts: readonly string[],
  onRecord: () => void,
): number {
  return writeRows(write, key, texts, (text) => text, onRecord);
}

/** `,"key":[a,b,…]`, one record per piece; answers how many. */
function writeRows<T>(
  write: (piece: string) => void,
  key: string,
  records: Iterable<T>,
  toJson: (record: T) => string,
  onRecord: () => void,
): number {
  write(`,${JSON.stringify(key)}:[`);
  let count = 0;
  for (const record of records) {
    write(count === 0 ? toJson(record) : `,${toJson(record)}`);
    count++;
    onRecord();
  }
  write(']');
  return count;
}

function claimWithoutAssignee(row: Row): string {
  const claim: Claim = CLAIMS.fromRow(row);
  return JSON.stringify(claim.assignee === '' ? claim : { ...claim, assignee: '' });
}
