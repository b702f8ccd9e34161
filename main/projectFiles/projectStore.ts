/**
 * Reads a whole project as a payload (through the repositories' readers) and writes one back with
 * plain SQL: imported records and history are stored as they are (their ids, timestamps and
 * authors), so writes never go through the repositories, which would record new changes.
 * Reads are in a fixed order, so exporting the same data twice gives the same project.json.
 */
import type { Change } from '../../shared/domain';
import type { RepoContext } from '../repositories/context';
import type { ProjectPayload } from './format';
import { sameJson } from './records';
import { listArticles } from '../repositories/articles';
import { listClaimsByProject } from '../repositories/claims';
import { findProject } from '../repositories/projects';
import { listSourcesByProject } from '../repositories/sources';
import { listVerdicts } from '../repositories/verdicts';

type Payload = ProjectPayload;
type ProjectRecord = Payload['project'];
type VerdictRecord = Payload['verdicts'][number];
type ArticleRecord = Payload['articles'][number];
type ClaimRecord = Payload['claims'][number];
type SourceRecord = Payload['sources'][number];

export function findProjectRow(ctx: RepoContext, projectId: string): ProjectRecord | undefined {
  return findProject(ctx, projectId);
}

/** The project's records (everything but the history), in a fixed order. */
export function readProjectRecords(
  ctx: RepoContext,
  projectId: string,
): Omit<Payload, 'changes'> | undefined {
  return ctx.tx(() => {
    const project = findProject(ctx, projectId);
    if (!project) return undefined;
    // The repositories' own readers; sorted here so the same data always gives the same file.
    const verdicts: VerdictRecord[] = listVerdicts(ctx, projectId).sort(
      (a, b) => a.position - b.position || compare(a.createdAt, b.createdAt) || compare(a.id, b.id),
    );
    const articles: ArticleRecord[] = listArticles(ctx, projectId);
    const claims: ClaimRecord[] = listClaimsByProject(ctx, projectId);
    const sources: SourceRecord[] = listSourcesByProject(ctx, projectId);
    claims.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
    sources.sort(
      (a, b) =>
        compare(a.createdAt, b.createdAt) ||
        compare(a.claimId, b.claimId) ||
        a.position - b.position ||
        compare(a.id, b.id),
    );
    return { project, verdicts, articles, claims, sources };
  });
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
): { json: Buffer; records: Omit<Payload, 'changes'>; changeCount: number } | undefined {
  return ctx.tx(() => {
    const records = readProjectRecords(ctx, projectId);
    if (!records) return undefined;
    const rows = readChangeRows(ctx, projectId);
    const history = rows.map(
      (row) =>
        `{"id":${JSON.stringify(row.id)},"projectId":${JSON.stringify(row.project_id)},"entityType":${JSON.stringify(row.entity_type)},` +
        `"entityId":${JSON.stringify(row.entity_id)},"op":${JSON.stringify(row.op)},"fields":${row.fields},"author":${JSON.stringify(row.author)},"at":${JSON.stringify(row.at)}}`,
    );
    const head = JSON.stringify(records);
    const json = Buffer.from(`${head.slice(0, -1)},"changes":[${history.join(',')}]}`, 'utf8');
    return { json, records, changeCount: rows.length };
  });
}

interface ChangeRow {
  id: string;
  project_id: string;
  entity_type: Change['entityType'];
  entity_id: string;
  op: Change['op'];
  fields: string;
  author: string;
  at: string;
}

function readChangeRows(ctx: RepoContext, projectId: string): ChangeRow[] {
  return ctx
    .stmt(
      `SELECT id, project_id, entity_type, entity_id, op, fields, author, at FROM changes WHERE project_id = ? ORDER BY seq`,
    )
    .all(projectId) as ChangeRow[];
}

/** The project's whole history, oldest first. */
export function readChanges(ctx: RepoContext, projectId: string): Change[] {
  return readChangeRows(ctx, projectId).map((row) => ({
    id: row.id,
    projectId: row.project_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    op: row.op,
    fields: JSON.parse(row.fields) as Change['fields'],
    author: row.author,
    at: row.at,
  }));
}

export function insertProjectRow(ctx: RepoContext, project: ProjectRecord): void {
  ctx
    .stmt(`INSERT INTO projects (id, title, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`)
    .run(project.id, project.title, project.description, project.createdAt, project.updatedAt);
}

export function updateProjectRow(ctx: RepoContext, project: ProjectRecord): void {
  ctx
    .stmt(`UPDATE projects SET title = ?, description = ?, created_at = ?, updated_at = ? WHERE id = ?`)
    .run(project.title, project.description, project.createdAt, project.updatedAt, project.id);
}

/**
 * How each record type maps to its table: the columns set once (id and parents) and the columns a
 * merge may change, with their values in that order. One description serves insert and update.
 */
interface TableSpec<T extends { id: string }> {
  table: string;
  keyColumns: string[];
  keys(record: T): unknown[];
  columns: string[];
  values(record: T): unknown[];
}

const VERDICT_TABLE: TableSpec<VerdictRecord> = {
  table: 'verdicts',
  keyColumns: ['project_id'],
  keys: (v) => [v.projectId],
  columns: ['position', 'label', 'description', 'colour', 'rating_value', 'created_at', 'updated_at'],
  values: (v) => [v.position, v.label, v.description, v.colour, v.ratingValue, v.createdAt, v.updatedAt],
};

const ARTICLE_TABLE: TableSpec<ArticleRecord> = {
  table: 'articles',
  keyColumns: ['project_id'],
  keys: (a) => [a.projectId],
  columns: [
    'title',
    'outlet',
    'author',
    'url',
    'published_date',
    'language',
    'direction',
    'text',
    'created_at',
    'updated_at',
  ],
  values: (a) => [
    a.title,
    a.outlet,
    a.author,
    a.url,
    a.publishedDate,
    a.language,
    a.direction,
    a.text,
    a.createdAt,
    a.updatedAt,
  ],
};

const CLAIM_TABLE: TableSpec<ClaimRecord> = {
  table: 'claims',
  keyColumns: ['project_id', 'article_id'],
  keys: (c) => [c.projectId, c.articleId],
  columns: [
    'anchor_start',
    'anchor_end',
    'anchor_exact',
    'anchor_prefix',
    'anchor_suffix',
    'anchor_state',
    'statement',
    'claimant',
    'claim_date',
    'verdict_id',
    'rationale',
    'status',
    'tags',
    'created_at',
    'updated_at',
  ],
  values: (c) => [
    c.anchor.start,
    c.anchor.end,
    c.anchor.exact,
    c.anchor.prefix,
    c.anchor.suffix,
    c.anchorState,
    c.statement,
    c.claimant,
    c.claimDate,
    c.verdictId,
    c.rationale,
    c.status,
    JSON.stringify(c.tags),
    c.createdAt,
    c.updatedAt,
  ],
};

const SOURCE_TABLE: TableSpec<SourceRecord> = {
  table: 'sources',
  keyColumns: ['claim_id'],
  keys: (s) => [s.claimId],
  columns: [
    'position',
    'url',
    'title',
    'publisher',
    'published_date',
    'accessed_date',
    'archived_url',
    'excerpt',
    'note',
    'created_at',
    'updated_at',
  ],
  values: (s) => [
    s.position,
    s.url,
    s.title,
    s.publisher,
    s.publishedDate,
    s.accessedDate,
    s.archivedUrl,
    s.excerpt,
    s.note,
    s.createdAt,
    s.updatedAt,
  ],
};

function insertRows<T extends { id: string }>(
  ctx: RepoContext,
  spec: TableSpec<T>,
  rows: readonly T[],
): void {
  const columns = ['id', ...spec.keyColumns, ...spec.columns];
  const insert = ctx.stmt(
    `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  for (const row of rows) insert.run(row.id, ...spec.keys(row), ...spec.values(row));
}

function updateRows<T extends { id: string }>(
  ctx: RepoContext,
  spec: TableSpec<T>,
  rows: readonly T[],
): void {
  const update = ctx.stmt(
    `UPDATE ${spec.table} SET ${spec.columns.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`,
  );
  for (const row of rows) update.run(...spec.values(row), row.id);
}

/** Inserts the verdicts, articles, claims and sources of a payload (not the project row, not the history). */
export function insertRecords(ctx: RepoContext, payload: Omit<Payload, 'changes' | 'project'>): void {
  insertRows(ctx, VERDICT_TABLE, payload.verdicts);
  insertRows(ctx, ARTICLE_TABLE, payload.articles);
  insertRows(ctx, CLAIM_TABLE, payload.claims);
  insertRows(ctx, SOURCE_TABLE, payload.sources);
}

/** Appends history entries in the order given (they get the next seq numbers). */
export function insertChanges(ctx: RepoContext, changes: readonly Change[]): void {
  const insert = ctx.stmt(
    `INSERT INTO changes (id, project_id, entity_type, entity_id, op, fields, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of changes)
    insert.run(c.id, c.projectId, c.entityType, c.entityId, c.op, JSON.stringify(c.fields), c.author, c.at);
}

/** A whole new project: the project row, its records, its history. */
export function insertProjectPayload(ctx: RepoContext, payload: Payload): void {
  ctx.tx(() => {
    insertProjectRow(ctx, payload.project);
    insertRecords(ctx, payload);
    insertChanges(ctx, payload.changes);
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
export function applyPayloadDiff(ctx: RepoContext, before: Payload, after: Payload): void {
  ctx.tx(() => {
    if (!sameJson(before.project, after.project)) updateProjectRow(ctx, after.project);
    const verdicts = diffRecords(before.verdicts, after.verdicts);
    const articles = diffRecords(before.articles, after.articles);
    const claims = diffRecords(before.claims, after.claims);
    const sources = diffRecords(before.sources, after.sources);
    // Parents before children; removals last, children first, once no kept row points at them.
    insertRecords(ctx, {
      verdicts: verdicts.added,
      articles: articles.added,
      claims: claims.added,
      sources: sources.added,
    });
    updateRows(ctx, VERDICT_TABLE, verdicts.changed);
    updateRows(ctx, ARTICLE_TABLE, articles.changed);
    updateRows(ctx, CLAIM_TABLE, claims.changed);
    updateRows(ctx, SOURCE_TABLE, sources.changed);
    const remove = (table: string, rows: { id: string }[]) => {
      const statement = ctx.stmt(`DELETE FROM ${table} WHERE id = ?`);
      for (const row of rows) statement.run(row.id);
    };
    remove('sources', sources.removed);
    remove('claims', claims.removed);
    remove('articles', articles.removed);
    remove('verdicts', verdicts.removed);
  });
}
