/**
 * How a history row's `fields` are stored. A long text field edited a little (a rationale typed
 * into) would otherwise be kept twice, whole, in every change: so when both sides are strings and
 * either is long, `before` is stored as a delta against `after` — the lengths of the prefix and
 * suffix they share and the differing middle of `before`:
 *
 *   {"rationale": {"before": {"$delta": {"prefix": 1200, "suffix": 1700, "middle": "…"}}, "after": "…"}}
 *
 * Everything that reads `changes.fields` goes through expandFields (the CHANGES table description
 * does, and recordChange's folding), so no reader, project file or merge ever sees a delta; rows
 * written before this (full text) have no marker and read as they are.
 */
import type { Change } from '../../shared/domain';
import { AppError } from '../errors';
import type { Row, Table } from './tables';

type FieldChanges = Change['fields'];
type FieldChange = FieldChanges[string];

/** Texts at most this long are stored whole: a delta would save little. */
export const DELTA_MIN_LENGTH = 256;

const DELTA = '$delta';
/** Wraps a stored `before` that merely looks like a marker (an imported value), so it reads back as it was. */
const RAW = '$raw';

interface Delta {
  prefix: number;
  suffix: number;
  middle: string;
}

/** `fields` as they are stored: each long text's `before` as a delta against its `after`. */
export function compactFields(fields: FieldChanges): FieldChanges {
  let compact: FieldChanges | undefined;
  for (const [key, change] of Object.entries(fields)) {
    const stored = compactChange(change);
    if (stored === change) continue;
    compact ??= { ...fields };
    compact[key] = stored;
  }
  return compact ?? fields;
}

/** The fields as they were recorded, from what compactFields stored (or from an old row, as it is). */
export function expandFields(stored: FieldChanges): FieldChanges {
  let expanded: FieldChanges | undefined;
  for (const [key, change] of Object.entries(stored)) {
    if (!change || !('before' in change) || !isMarker(change.before)) continue;
    expanded ??= { ...stored };
    expanded[key] = { ...change, before: expandBefore(change.before, change.after) };
  }
  return expanded ?? stored;
}

/** The stored JSON text of `fields`, parsed and expanded: the one way a row's text is read. */
export function parseStoredFields(text: string): FieldChanges {
  const parsed = JSON.parse(text) as FieldChanges;
  return mayHoldMarker(text) ? expandFields(parsed) : parsed;
}

/** Whether the stored text may need expanding (cheap: a row without either key is read as it is). */
export function mayHoldMarker(text: string): boolean {
  return text.includes(`"${DELTA}"`) || text.includes(`"${RAW}"`);
}

/**
 * The changes table with its `fields` compacted on every insert and update and expanded on every
 * read (fromRow, and jsonText for project files, which then hold the whole text as before).
 */
export function withFieldDeltas(table: Table<Change>): Table<Change> {
  const stored = (record: Change): Change => {
    const fields = compactFields(record.fields);
    return fields === record.fields ? record : { ...record, fields };
  };
  const fromRow = (row: Row): Change => {
    const record = table.fromRow(row);
    return mayHoldMarker(row.fields as string) ? { ...record, fields: expandFields(record.fields) } : record;
  };
  return {
    ...table,
    fromRow,
    toRow: (record) => table.toRow(stored(record)),
    jsonText: (row) =>
      mayHoldMarker(row.fields as string) ? JSON.stringify(fromRow(row)) : table.jsonText(row),
    insert: (ctx, record) => table.insert(ctx, stored(record)),
    update: (ctx, record) => table.update(ctx, stored(record)),
  };
}

function compactChange(change: FieldChange): FieldChange {
  if (!change || !('before' in change)) return change;
  const { before, after } = change;
  if (isMarker(before)) return { ...change, before: { [RAW]: before } };
  if (typeof before !== 'string' || typeof after !== 'string') return change;
  if (before.length <= DELTA_MIN_LENGTH && after.length <= DELTA_MIN_LENGTH) return change;
  const delta = deltaOf(before, after);
  // Only where it saves something: a rewritten text is kept whole.
  if (delta.middle.length + 60 >= before.length) return change;
  return { ...change, before: { [DELTA]: delta } };
}

/** The shared prefix and suffix of `before` and `after` (never overlapping), and `before`'s middle. */
function deltaOf(before: string, after: string): Delta {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  return { prefix, suffix, middle: before.slice(prefix, before.length - suffix) };
}

/** A single-key object whose key is one of ours: what only compactFields writes as a `before`. */
function isMarker(value: unknown): value is Record<typeof DELTA | typeof RAW, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === DELTA || keys[0] === RAW);
}

function expandBefore(marker: Record<string, unknown>, after: unknown): unknown {
  if (RAW in marker) return marker[RAW];
  const delta = marker[DELTA] as Partial<Delta> | null;
  const valid =
    typeof after === 'string' &&
    delta !== null &&
    typeof delta === 'object' &&
    Number.isSafeInteger(delta.prefix) &&
    Number.isSafeInteger(delta.suffix) &&
    typeof delta.middle === 'string' &&
    delta.prefix! >= 0 &&
    delta.suffix! >= 0 &&
    delta.prefix! + delta.suffix! <= after.length;
  // Only compactFields writes a delta, so this is a damaged row: say so rather than guess.
  if (!valid)
    throw new AppError(
      'database_corrupt',
      'A history entry in the library is damaged: its earlier text cannot be rebuilt. Restore a library backup to see it.',
    );
  const { prefix, suffix, middle } = delta as Delta;
  return after.slice(0, prefix) + middle + after.slice(after.length - suffix);
}
