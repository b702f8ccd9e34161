/** What the merge and the writers need to know about each kind of record. */
import type { EntityType } from '../../shared/domain';
import { CLAIM_STATUS_LABELS } from '../../shared/domain/claim';
import type { ProjectPayload } from './format';
import { clip } from './messages';
import { ARTICLE_FIELDS } from '../repositories/articles';
import { CLAIM_FIELDS } from '../repositories/claims';
import { PROJECT_FIELDS } from '../repositories/projects';
import { SOURCE_FIELDS } from '../repositories/sources';
import { VERDICT_FIELDS } from '../repositories/verdicts';

export type EntityKind = EntityType;
/** Parents before children: the order records are merged and written in. */
export const ENTITY_ORDER: readonly EntityKind[] = ['project', 'verdict', 'article', 'claim', 'source'];

/**
 * The fields each kind's history records (the repositories' field lists); the merge decides field
 * by field over exactly these. Ids, parents and createdAt never change; updatedAt is derived.
 */
export const MERGE_FIELDS: Readonly<Record<EntityKind, readonly string[]>> = {
  project: PROJECT_FIELDS,
  verdict: VERDICT_FIELDS,
  article: ARTICLE_FIELDS,
  claim: CLAIM_FIELDS,
  source: SOURCE_FIELDS,
};

export const FIELD_LABELS: Readonly<Record<EntityKind, Readonly<Record<string, string>>>> = {
  project: { title: 'Title', description: 'Description', secondPairOfEyes: 'Second pair of eyes' },
  verdict: {
    label: 'Label',
    description: 'Description',
    colour: 'Colour',
    ratingValue: 'Rating value',
    position: 'Place on the scale',
  },
  article: {
    title: 'Title',
    outlet: 'Outlet',
    author: 'Author',
    url: 'Web address',
    publishedDate: 'Published date',
    language: 'Language',
    direction: 'Text direction',
    text: 'Article text',
  },
  claim: {
    number: 'Claim number',
    anchor: 'Quote position',
    anchorState: 'Anchoring',
    statement: 'Claim',
    claimant: 'Claimant',
    claimDate: 'Claim date',
    verdictId: 'Verdict',
    rationale: 'Rationale',
    status: 'Status',
    tags: 'Tags',
    claimantType: 'Claimant type',
    approval: 'Approval',
    assignee: 'Assigned to',
    quoteChangedFrom: 'Quote before the text changed',
  },
  source: {
    position: 'Order',
    url: 'Web address',
    title: 'Title',
    publisher: 'Publisher',
    publishedDate: 'Published date',
    accessedDate: 'Accessed date',
    archivedUrl: 'Archived copy',
    excerpt: 'Excerpt',
    note: 'Note',
  },
};

export const KIND_LABELS: Readonly<Record<EntityKind, string>> = {
  project: 'Project',
  verdict: 'Verdict',
  article: 'Article',
  claim: 'Claim',
  source: 'Source',
};

/** Any record of a payload, seen generically. */
export type AnyRecord = Record<string, unknown> & { id: string; updatedAt: string };

export const keyOf = (kind: EntityKind, id: string) => `${kind}:${id}`;

/** The collections of a payload, by kind. */
export function recordsOf(payload: ProjectPayload, kind: EntityKind): readonly AnyRecord[] {
  switch (kind) {
    case 'project':
      return [payload.project as unknown as AnyRecord];
    case 'verdict':
      return payload.verdicts as unknown as AnyRecord[];
    case 'article':
      return payload.articles as unknown as AnyRecord[];
    case 'claim':
      return payload.claims as unknown as AnyRecord[];
    case 'source':
      return payload.sources as unknown as AnyRecord[];
  }
}

/** The record a record belongs to (and is deleted with). */
export function parentKeyOf(kind: EntityKind, record: AnyRecord): string | null {
  if (kind === 'claim') return keyOf('article', record.articleId as string);
  if (kind === 'source') return keyOf('claim', record.claimId as string);
  return null;
}

/** Deep equality of JSON values (records read from SQLite or parsed from a file). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** Later of two ISO timestamps (compared as instants, so offsets are fine). */
export function laterOf(a: string, b: string): string {
  return a === b ? a : Date.parse(b) > Date.parse(a) ? b : a;
}

/** How a person recognises a record in a list of conflicts. */
export function describeRecord(kind: EntityKind, record: AnyRecord): string {
  const str = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : '');
  switch (kind) {
    case 'project':
      return str('title');
    case 'verdict':
      return str('label');
    case 'article':
      return str('title');
    case 'claim': {
      const anchor = record.anchor as { exact?: string } | undefined;
      // Plain text: whoever shows it quotes it (the dialog, the command line).
      return clip((str('statement') || anchor?.exact || '').replace(/\s+/g, ' '), 80);
    }
    case 'source':
      return clip(str('title') || str('url') || 'Untitled source', 80);
  }
}

/** A field's value as a person reads it, beside the raw value. */
export function describeValue(
  kind: EntityKind,
  field: string,
  value: unknown,
  verdictLabel: (id: string) => string | undefined,
): string {
  if (kind === 'claim' && field === 'verdictId')
    return value === null
      ? 'Not yet rated'
      : (verdictLabel(String(value)) ?? 'A verdict no longer on the scale');
  if (kind === 'claim' && field === 'status')
    return CLAIM_STATUS_LABELS[value as keyof typeof CLAIM_STATUS_LABELS] ?? String(value);
  if (kind === 'claim' && field === 'anchorState')
    return value === 'orphaned' ? 'Not found in the article (orphaned)' : 'Found in the article';
  if (kind === 'claim' && field === 'approval') {
    const approval = value as { by?: string; at?: string; seal?: string } | null;
    if (!approval?.seal && !approval?.by) return 'Not approved';
    const when = approval.at ? ` on ${approval.at.slice(0, 10)}` : '';
    return `Approved by ${approval.by || 'someone (before approvals were recorded)'}${when}`;
  }
  if (kind === 'claim' && field === 'claimantType') return value === '' ? '(not chosen)' : String(value);
  if (kind === 'claim' && field === 'assignee') return value === '' ? 'Nobody' : String(value);
  if (kind === 'claim' && field === 'number') return `Claim ${String(value)}`;
  if (typeof value === 'boolean') return value ? 'On' : 'Off';
  if (kind === 'claim' && field === 'anchor') {
    const anchor = value as { start: number; end: number; exact: string };
    return `“${clip(anchor.exact, 200)}” at characters ${anchor.start}–${anchor.end}`;
  }
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' ? '(empty)' : clip(value, 2_000);
  return String(value);
}
