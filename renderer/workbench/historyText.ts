/**
 * Describes recorded changes of a claim (and its sources) for the claim's history, which reads like
 * a log: each entry says who and when, and each changed field its old → new value. Pure, so the
 * wording is tested without a DOM; HistoryList renders the lines.
 */
import { CLAIM_STATUS_LABELS, type Change, type ClaimFields, type ClaimStatus } from '../../shared/domain';
import { formatDate } from '../format/dates';
import { preview } from './claimView';

/** Claim fields whose past value "Restore this value" saves again (through claims.update). */
export const RESTORABLE_FIELDS = [
  'statement',
  'claimant',
  'claimDate',
  'verdictId',
  'rationale',
  'tags',
  'claimantType',
  'assignee',
] as const satisfies readonly (keyof ClaimFields)[];
export type RestorableField = (typeof RESTORABLE_FIELDS)[number];

/** A value as the log shows it: `quote` marks free text, shown in “quotes” and shortened when long. */
export interface HistoryValue {
  text: string;
  quote: boolean;
}

/** A past value of a claim field, as claims.update takes it. */
export type RestoreValue = { [F in RestorableField]: { field: F; value: ClaimFields[F] } }[RestorableField];

/** One line of an entry: a sentence ("Approved by Ana"), or a field with its old and/or new value. */
export interface HistoryLine {
  /** The field's name ("Verdict"), or the whole sentence when there are no values. */
  label: string;
  before?: HistoryValue;
  after?: HistoryValue;
  /** Set on claim field changes: the value before this change, which the log offers to restore. */
  restore?: RestoreValue;
}

const CLAIM_FIELD_LABELS: Record<string, string> = {
  statement: 'Statement',
  claimant: 'Claimant',
  claimantType: 'Claimant type',
  claimDate: 'Claim date',
  verdictId: 'Verdict',
  rationale: 'Rationale',
  status: 'Status',
  tags: 'Tags',
  assignee: 'Assigned to',
  anchor: 'Quote',
  number: 'Number',
  links: 'Previously checked',
};

const SOURCE_FIELD_LABELS: Record<string, string> = {
  url: 'URL',
  title: 'title',
  publisher: 'publisher',
  publishedDate: 'date',
  accessedDate: 'accessed date',
  archivedUrl: 'archived URL',
  excerpt: 'excerpt',
  note: 'note',
};

/** Free text: in quotes, or "empty". */
const textValue = (value: unknown): HistoryValue =>
  typeof value === 'string' && value !== '' ? { text: value, quote: true } : { text: 'empty', quote: false };
const plain = (text: string): HistoryValue => ({ text, quote: false });
const or = (value: unknown, none: string): HistoryValue => plain(typeof value === 'string' && value !== '' ? value : none);
/** A calendar date in the app's one date format (renderer/format/dates.ts), or `none`. */
const day = (value: unknown, none: string): HistoryValue => plain(typeof value === 'string' && value !== '' ? formatDate(value) : none);
const statusLabel = (value: unknown) => CLAIM_STATUS_LABELS[value as ClaimStatus] ?? String(value);
const tagList = (value: unknown) => plain(Array.isArray(value) && value.length > 0 ? value.join(', ') : 'none');
const exactOf = (value: unknown) => (value as { exact?: string } | undefined)?.exact ?? '';
const approvalBy = (value: unknown) => ((value as { by?: string } | undefined)?.by ?? '').trim();
const CLAIMANT_TYPES: Record<string, string> = { Person: 'Person', Organization: 'Organization' };

/** "Changed after approval: verdict." → "changed after approval: verdict" */
const reason = (value: unknown) => {
  const text = typeof value === 'string' ? value.trim().replace(/\.$/, '') : '';
  return text ? text.charAt(0).toLocaleLowerCase() + text.slice(1) : '';
};

function isRestorable(key: string): key is RestorableField {
  return (RESTORABLE_FIELDS as readonly string[]).includes(key);
}

/** The value a field had before, as claims.update takes it (null for "no verdict", [] for no tags). */
function restoreOf(field: RestorableField, before: unknown): RestoreValue | undefined {
  switch (field) {
    case 'verdictId':
      return before === null || before === undefined || typeof before === 'string'
        ? { field, value: (before as string | null | undefined) ?? null }
        : undefined;
    case 'tags':
      return Array.isArray(before) && before.every((tag) => typeof tag === 'string')
        ? { field, value: before as string[] }
        : undefined;
    case 'claimantType':
      return before === '' || before === 'Person' || before === 'Organization' ? { field, value: before } : undefined;
    default:
      return typeof before === 'string' ? ({ field, value: before } as RestoreValue) : undefined;
  }
}

/** One claim field's value in words. */
function claimValue(key: string, value: unknown, verdictLabel: (id: string | null) => string): HistoryValue {
  switch (key) {
    case 'verdictId':
      return plain(verdictLabel((value as string | null | undefined) ?? null));
    case 'status':
      return plain(statusLabel(value));
    case 'claimDate':
      return day(value, 'none');
    case 'tags':
      return tagList(value);
    case 'claimantType':
      return plain(CLAIMANT_TYPES[value as string] ?? 'not set');
    case 'assignee':
      return or(value, 'nobody');
    case 'anchor':
      return textValue(exactOf(value));
    case 'number':
      return plain(typeof value === 'number' ? `Claim ${value}` : 'none');
    default:
      return textValue(value);
  }
}

function sourceLines(change: Change): HistoryLine[] {
  const fields = change.fields;
  const title = (fields.title?.after ?? fields.title?.before) as string | undefined;
  const name = title ? ` “${preview(title, 50)}”` : '';
  if (change.op === 'create') return [{ label: `Source added${name}` }];
  if (change.op === 'delete') return [{ label: `Source removed${name}` }];
  const changed = Object.keys(fields).filter((key) => key !== 'position' && key !== 'claimId');
  if (changed.length === 0) return [{ label: 'Sources reordered' }];
  return changed.map((key) => {
    const { before, after } = fields[key]!;
    const isDate = key === 'publishedDate' || key === 'accessedDate';
    return {
      label: `Source ${SOURCE_FIELD_LABELS[key] ?? key}`,
      before: isDate ? day(before, 'none') : textValue(before),
      after: isDate ? day(after, 'none') : textValue(after),
    };
  });
}

/** The lines of one recorded change. `verdictLabel` names a verdict id (deleted ones included). */
export function historyLines(change: Change, verdictLabel: (id: string | null) => string): HistoryLine[] {
  if (change.entityType === 'source') return sourceLines(change);
  const fields = change.fields;
  if (change.op === 'create') {
    const number = fields.number?.after;
    const lines: HistoryLine[] = [{ label: typeof number === 'number' ? `Marked as Claim ${number}` : 'Marked' }];
    lines.push({ label: 'Quote', after: textValue(exactOf(fields.anchor?.after)) });
    return lines;
  }
  if (change.op === 'delete') {
    const number = fields.number?.before;
    return [{ label: typeof number === 'number' ? `Claim ${number} deleted` : 'Deleted' }];
  }

  const lines: HistoryLine[] = [];
  const approvedBy = approvalBy(fields.approval?.after);
  const previousApprover = approvalBy(fields.approval?.before);
  if (approvedBy) lines.push({ label: `Approved by ${approvedBy}` });
  else if (fields.approvalWithdrawn) {
    const why = reason(fields.approvalWithdrawn.after);
    lines.push({ label: why ? `Approval withdrawn: ${why}` : 'Approval withdrawn' });
  } else if (fields.approval && previousApprover) lines.push({ label: `Approval by ${previousApprover} withdrawn` });

  for (const [key, { before, after }] of Object.entries(fields)) {
    switch (key) {
      // The approval is said above; its seal (a hash) means nothing to a reader.
      case 'approval':
      case 'approvalWithdrawn':
        break;
      case 'status':
        // "Approved by X" already says the status became Approved.
        if (!(approvedBy && after === 'approved'))
          lines.push({ label: 'Status', before: plain(statusLabel(before)), after: plain(statusLabel(after)) });
        break;
      case 'anchorState':
        lines.push({
          label: after === 'orphaned' ? 'Lost its place when the article text changed' : 'Found its place again',
        });
        break;
      case 'quoteChangedFrom':
        lines.push(
          typeof after === 'string' && after !== ''
            ? { label: 'A text edit changed the quote; it read', after: textValue(after) }
            : { label: 'Quote change reviewed' },
        );
        break;
      default: {
        const line: HistoryLine = {
          label: CLAIM_FIELD_LABELS[key] ?? key,
          before: claimValue(key, before, verdictLabel),
          after: claimValue(key, after, verdictLabel),
        };
        if (isRestorable(key)) {
          const restore = restoreOf(key, before);
          if (restore) line.restore = restore;
        }
        lines.push(line);
      }
    }
  }
  return lines;
}

const valueText = (value: HistoryValue, max: number) =>
  value.quote ? `“${preview(value.text, max)}”` : value.text;

/** A line as plain text, long values shortened: "Verdict: Not yet rated → False". */
export function lineText(line: HistoryLine, max = 60): string {
  if (line.before && line.after) return `${line.label}: ${valueText(line.before, max)} → ${valueText(line.after, max)}`;
  const only = line.after ?? line.before;
  return only ? `${line.label}: ${valueText(only, max)}` : line.label;
}

/** The change in words, one line per changed field. */
export function describeChange(change: Change, verdictLabel: (id: string | null) => string): string[] {
  return historyLines(change, verdictLabel).map((line) => lineText(line));
}

/**
 * Changes newest first, by their time (`at`), not by the order they were stored in: changes brought
 * in by merging a project file are stored after local ones but may be older. Equal times keep the
 * order given (the library's, newest stored first).
 */
export function newestFirst(changes: readonly Change[]): Change[] {
  const time = (change: Change) => {
    const parsed = Date.parse(change.at);
    return Number.isNaN(parsed) ? 0 : parsed;
  };
  return changes
    .map((change, index) => ({ change, index, at: time(change) }))
    .sort((a, b) => b.at - a.at || a.index - b.index)
    .map(({ change }) => change);
}

/** True when the restorable value differs from what the claim holds now. */
export function differsFromCurrent(restore: RestoreValue, current: Pick<ClaimFields, RestorableField>): boolean {
  return JSON.stringify(restore.value) !== JSON.stringify(current[restore.field]);
}
