/**
 * One description per table: which column holds which field of the record, and how the value is
 * stored (as it is, as JSON text, as 0/1). The repositories, the workbench's restore and the project
 * store all read and write rows through these, so each column is named in exactly one place.
 */
import type { Article, Change, Claim, Correction, Project, Publication, Source, TeamNote, Verdict } from '../../shared/domain';
import type { Attachment } from '../../shared/api/contract.attachments';
import type { ClaimLink } from '../../shared/api/contract.claimLinks';
import { withFieldDeltas } from './changeFields';
import type { RepoContext } from './context';

/** A row as better-sqlite3 returns it: column name → value. */
export type Row = Record<string, unknown>;

/** How a field's value is stored: as it is, as JSON text, or as an INTEGER 0/1. */
type Storage = 'json' | 'boolean';

/** A field of T, or a field of an object-valued field ("anchor.start"). */
type NestedOf<V> = V extends readonly unknown[] ? never : V extends object ? V : never;
type FieldPath<T> = {
  [K in keyof T & string]: [NestedOf<T[K]>] extends [never] ? K : K | `${K}.${keyof NestedOf<T[K]> & string}`;
}[keyof T & string];

/**
 * [column, field, how]: `how` is 'fixed' for the columns set once, on insert (the id and the
 * parents), or the storage of a JSON or boolean field. Columns are listed in the record's field
 * order: records read from rows have their keys in that order (project.json depends on it).
 */
type ColumnDef<T> = readonly [column: string, field: FieldPath<T>, how?: 'fixed' | Storage];

/**
 * [column, SQL]: a column that is no field of the record but is kept for queries, computed by
 * SQLite on every insert and update from the statement's own parameters (`@column` of the fields'
 * columns). Records never carry it, and `columns()` does not select it.
 */
type DerivedDef = readonly [column: string, sql: string];

interface Column {
  name: string;
  path: readonly string[];
  storage: Storage | undefined;
  fixed: boolean;
}

export interface Table<T> {
  readonly name: string;
  /** Every column name: the fields' in field order, then the derived ones (the table's schema). */
  readonly columnNames: readonly string[];
  /**
   * The fields' columns, "id, project_id, …", or "s.id, s.project_id, …" with an alias (what
   * fromRow reads; derived columns are not in it); `except` leaves columns out.
   */
  columns(alias?: string, except?: readonly string[]): string;
  /** The record a row holds (a row read with columns()). */
  fromRow(row: Row): T;
  /** The statement parameters of a record, named by column (@column). */
  toRow(record: T): Row;
  /**
   * JSON.stringify(fromRow(row)), with the JSON columns spliced in as they are stored instead of
   * parsed and serialised again (large exports).
   */
  jsonText(row: Row): string;
  /** Inserts the record as it is (its id, parents and timestamps), and its derived columns. */
  insert(ctx: RepoContext, record: T): void;
  /** Writes every column but the fixed ones (id and parents) from the record, by id, derived ones included. */
  update(ctx: RepoContext, record: T): void;
}

export function defineTable<T extends { id: string }>(
  name: string,
  defs: readonly ColumnDef<T>[],
  derived: readonly DerivedDef[] = [],
): Table<T> {
  const columns: Column[] = defs.map(([column, field, how]) => ({
    name: column,
    path: field.split('.'),
    storage: how === 'fixed' ? undefined : how,
    fixed: how === 'fixed',
  }));
  const fieldColumnNames = columns.map((column) => column.name);
  const columnNames = [...fieldColumnNames, ...derived.map(([column]) => column)];
  const insertSql = `INSERT INTO ${name} (${columnNames.join(', ')}) VALUES (${[
    ...fieldColumnNames.map((c) => `@${c}`),
    ...derived.map(([, sql]) => sql),
  ].join(', ')})`;
  const updateSql = `UPDATE ${name} SET ${[
    ...columns.filter((column) => !column.fixed).map((column) => `${column.name} = @${column.name}`),
    ...derived.map(([column, sql]) => `${column} = ${sql}`),
  ].join(', ')} WHERE id = @id`;

  const fromRow = (row: Row): T => {
    const record: Record<string, unknown> = {};
    for (const column of columns) {
      const raw = row[column.name];
      const value =
        column.storage === 'json'
          ? JSON.parse(raw as string)
          : column.storage === 'boolean'
            ? raw === 1 || raw === 1n
            : raw;
      const [first, second] = column.path as [string, string | undefined];
      if (second === undefined) record[first] = value;
      else ((record[first] ??= {}) as Record<string, unknown>)[second] = value;
    }
    return record as T;
  };

  const toRow = (record: T): Row => {
    const row: Row = {};
    const fields = record as Record<string, unknown>;
    for (const column of columns) {
      const [first, second] = column.path as [string, string | undefined];
      const value = second === undefined ? fields[first] : (fields[first] as Record<string, unknown>)[second];
      row[column.name] =
        column.storage === 'json' ? JSON.stringify(value) : column.storage === 'boolean' ? (value ? 1 : 0) : value;
    }
    return row;
  };

  const lists = new Map<string, string>();
  const jsonText = (row: Row): string => {
    const parts: string[] = [];
    let group: { key: string; parts: string[] } | undefined;
    const flush = () => {
      if (group) parts.push(`${JSON.stringify(group.key)}:{${group.parts.join(',')}}`);
      group = undefined;
    };
    for (const column of columns) {
      const raw = row[column.name];
      const text =
        column.storage === 'json'
          ? String(raw)
          : JSON.stringify(column.storage === 'boolean' ? raw === 1 || raw === 1n : raw);
      const [first, second] = column.path as [string, string | undefined];
      if (second === undefined) {
        flush();
        parts.push(`${JSON.stringify(first)}:${text}`);
      } else {
        if (group?.key !== first) {
          flush();
          group = { key: first, parts: [] };
        }
        group.parts.push(`${JSON.stringify(second)}:${text}`);
      }
    }
    flush();
    return `{${parts.join(',')}}`;
  };

  return {
    name,
    columnNames,
    columns(alias = '', except = []) {
      // Cached: repositories build their SQL with this on every call.
      const key = `${alias}|${except.join(',')}`;
      let list = lists.get(key);
      if (list === undefined) {
        list = fieldColumnNames
          .filter((column) => !except.includes(column))
          .map((column) => (alias ? `${alias}.${column}` : column))
          .join(', ');
        lists.set(key, list);
      }
      return list;
    },
    fromRow,
    toRow,
    jsonText,
    insert(ctx, record) {
      ctx.stmt(insertSql).run(toRow(record));
    },
    update(ctx, record) {
      ctx.stmt(updateSql).run(toRow(record));
    },
  };
}

export const PROJECTS = defineTable<Project>('projects', [
  ['id', 'id', 'fixed'],
  ['title', 'title'],
  ['description', 'description'],
  ['next_claim_number', 'nextClaimNumber'],
  ['second_pair_of_eyes', 'secondPairOfEyes', 'boolean'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
]);

export const VERDICTS = defineTable<Verdict>('verdicts', [
  ['id', 'id', 'fixed'],
  ['project_id', 'projectId', 'fixed'],
  ['position', 'position'],
  ['label', 'label'],
  ['description', 'description'],
  ['colour', 'colour'],
  ['rating_value', 'ratingValue'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
]);

/**
 * `text_length` (derived): the text's length in characters, so the summaries of a project come
 * from an index without reading the text (migration 004; a trigger keeps it for other writers).
 */
export const ARTICLES = defineTable<Article>(
  'articles',
  [
    ['id', 'id', 'fixed'],
    ['project_id', 'projectId', 'fixed'],
    ['title', 'title'],
    ['outlet', 'outlet'],
    ['author', 'author'],
    ['url', 'url'],
    ['published_date', 'publishedDate'],
    ['language', 'language'],
    ['direction', 'direction'],
    ['text', 'text'],
    ['created_at', 'createdAt'],
    ['updated_at', 'updatedAt'],
  ],
  [['text_length', 'length(@text)']],
);

export const CLAIMS = defineTable<Claim>('claims', [
  ['id', 'id', 'fixed'],
  ['project_id', 'projectId', 'fixed'],
  ['article_id', 'articleId', 'fixed'],
  ['number', 'number'],
  ['anchor_start', 'anchor.start'],
  ['anchor_end', 'anchor.end'],
  ['anchor_exact', 'anchor.exact'],
  ['anchor_prefix', 'anchor.prefix'],
  ['anchor_suffix', 'anchor.suffix'],
  ['anchor_state', 'anchorState'],
  ['statement', 'statement'],
  ['claimant', 'claimant'],
  ['claim_date', 'claimDate'],
  ['verdict_id', 'verdictId'],
  ['rationale', 'rationale'],
  ['status', 'status'],
  ['tags', 'tags', 'json'],
  ['claimant_type', 'claimantType'],
  ['assignee', 'assignee'],
  ['quote_changed_from', 'quoteChangedFrom'],
  ['approved_by', 'approval.by'],
  ['approved_at', 'approval.at'],
  ['approval_seal', 'approval.seal'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
]);

export const SOURCES = defineTable<Source>('sources', [
  ['id', 'id', 'fixed'],
  ['claim_id', 'claimId', 'fixed'],
  ['position', 'position'],
  ['url', 'url'],
  ['title', 'title'],
  ['publisher', 'publisher'],
  ['published_date', 'publishedDate'],
  ['accessed_date', 'accessedDate'],
  ['archived_url', 'archivedUrl'],
  ['excerpt', 'excerpt'],
  ['note', 'note'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
]);

/**
 * The claim a history row belongs to, for a claim's history (one index range: changes_by_claim):
 * a claim's own rows, and its sources' rows — the claim named in a source's create or delete
 * fields, else the source's own row, else an earlier row of the same source (a deleted source's
 * updates, as a project file brings them). NULL for projects, articles and verdicts. Written by
 * every writer through this description: recordChange, the project store, the seed.
 */
const CHANGE_CLAIM_ID = `CASE @entity_type
  WHEN 'claim' THEN @entity_id
  WHEN 'source' THEN COALESCE(
    json_extract(@fields, '$.claimId.after'),
    json_extract(@fields, '$.claimId.before'),
    (SELECT s.claim_id FROM sources s WHERE s.id = @entity_id),
    (SELECT k.claim_id FROM changes k WHERE k.entity_id = @entity_id AND k.claim_id IS NOT NULL ORDER BY k.seq LIMIT 1))
END`;

/**
 * The history; `seq` (the order rows were written in) is the table's own and not a field, and
 * `claim_id` (derived) is worked out from the row on insert. A long text's `before` is stored as a
 * delta against its `after` and read back whole (./changeFields.ts).
 */
export const CHANGES = withFieldDeltas(defineTable<Change>(
  'changes',
  [
    ['id', 'id', 'fixed'],
    ['project_id', 'projectId', 'fixed'],
    ['entity_type', 'entityType', 'fixed'],
    ['entity_id', 'entityId', 'fixed'],
    ['op', 'op', 'fixed'],
    ['fields', 'fields', 'json'],
    ['author', 'author', 'fixed'],
    ['at', 'at', 'fixed'],
  ],
  [['claim_id', CHANGE_CLAIM_ID]],
));

export const TEAM_NOTES = defineTable<TeamNote>('team_notes', [
  ['id', 'id', 'fixed'],
  ['project_id', 'projectId', 'fixed'],
  ['claim_id', 'claimId', 'fixed'],
  ['author', 'author'],
  ['text', 'text'],
  ['created_at', 'createdAt'],
]);

export const CORRECTIONS = defineTable<Correction>('corrections', [
  ['id', 'id', 'fixed'],
  ['project_id', 'projectId', 'fixed'],
  ['claim_id', 'claimId', 'fixed'],
  ['kind', 'kind'],
  ['text', 'text'],
  ['author', 'author'],
  ['created_at', 'createdAt'],
]);

export const PUBLICATIONS = defineTable<Publication>('publications', [
  ['id', 'id', 'fixed'],
  ['project_id', 'projectId', 'fixed'],
  ['published_at', 'publishedAt'],
  ['published_by', 'publishedBy'],
  ['formats', 'formats', 'json'],
  ['files', 'files', 'json'],
  ['claims', 'claims', 'json'],
]);

/** Every table described here, for checks against the schema. */
export const TABLES = [PROJECTS, VERDICTS, ARTICLES, CLAIMS, SOURCES, CHANGES, TEAM_NOTES, CORRECTIONS, PUBLICATIONS] as const;

/** "Previously checked": a claim's links to earlier checks, each with its printed snapshot (migration 8). */
export const CLAIM_LINKS = defineTable<ClaimLink>('claim_links', [
  ['id', 'id', 'fixed'],
  ['project_id', 'projectId', 'fixed'],
  ['claim_id', 'claimId', 'fixed'],
  ['target_kind', 'targetKind', 'fixed'],
  ['target_id', 'targetId', 'fixed'],
  ['publisher', 'publisher'],
  ['date', 'date'],
  ['rating', 'rating'],
  ['url', 'url'],
  ['statement', 'statement'],
  ['linked_by', 'linkedBy'],
  ['linked_at', 'linkedAt'],
]);

/** Evidence on sources (migration 9); rows never change once written (an attachment is immutable). */
export const ATTACHMENTS = defineTable<Attachment>('attachments', [
  ['id', 'id', 'fixed'],
  ['project_id', 'projectId', 'fixed'],
  ['source_id', 'sourceId', 'fixed'],
  ['sha256', 'sha256', 'fixed'],
  ['name', 'name'],
  ['media_type', 'mediaType'],
  ['size', 'size'],
  ['origin_url', 'originUrl'],
  ['kind', 'kind'],
  ['captured_at', 'capturedAt'],
  ['http_status', 'httpStatus'],
  ['added_by', 'addedBy'],
  ['added_at', 'addedAt'],
]);
