/** Pure helpers of the workbench: reading order, filters, highlight derivation. */
import type { Claim, ClaimStatus, Verdict } from '../../shared/domain';
import type { Highlight } from './segments';

/** Reading order: anchored claims by position (outer before inner at the same start), then orphans. */
export function compareClaims(a: Claim, b: Claim): number {
  const orphanA = a.anchorState === 'orphaned' ? 1 : 0;
  const orphanB = b.anchorState === 'orphaned' ? 1 : 0;
  return (
    orphanA - orphanB ||
    a.anchor.start - b.anchor.start ||
    b.anchor.end - a.anchor.end ||
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function sortClaims(claims: readonly Claim[]): Claim[] {
  return [...claims].sort(compareClaims);
}

/**
 * Highlights of the anchored claims, in reading order. The previous highlight object of a claim is
 * kept when its span and verdict did not change, and the previous array when nothing changed, so
 * edits of other fields (the rationale, say) never reach the reading view.
 */
export function deriveHighlights(previous: readonly Highlight[], claims: readonly Claim[]): Highlight[] {
  const byId = new Map(previous.map((highlight) => [highlight.id, highlight]));
  const next: Highlight[] = [];
  for (const claim of claims) {
    if (claim.anchorState !== 'anchored') continue;
    const old = byId.get(claim.id);
    if (
      old &&
      old.start === claim.anchor.start &&
      old.end === claim.anchor.end &&
      old.verdictId === claim.verdictId
    )
      next.push(old);
    else
      next.push({
        id: claim.id,
        start: claim.anchor.start,
        end: claim.anchor.end,
        verdictId: claim.verdictId,
      });
  }
  if (next.length === previous.length && next.every((highlight, i) => highlight === previous[i]))
    return previous as Highlight[];
  return next;
}

/** Filter values of the assignee filter that are not names. */
export const ASSIGNED_TO_ME = '\u0000me';
export const UNASSIGNED = '\u0000nobody';

export interface ClaimFilter {
  text: string;
  /** '' = any verdict, 'none' = not yet rated, else a verdict id. */
  verdict: string;
  /** '' = any status. */
  status: '' | ClaimStatus;
  /** '' = anyone, ASSIGNED_TO_ME, UNASSIGNED, else a name. */
  assignee: string;
  /** Settings' author name, what "Assigned to me" means ('' when no name is set). */
  me: string;
}

export const NO_FILTER: ClaimFilter = { text: '', verdict: '', status: '', assignee: '', me: '' };

export function isFiltering(filter: ClaimFilter): boolean {
  return filter.text.trim() !== '' || filter.verdict !== '' || filter.status !== '' || filter.assignee !== '';
}

const fold = (value: string) => value.normalize('NFKC').toLocaleLowerCase();

/** Two names of one person: case, width and surrounding spaces aside. */
export const sameName = (a: string, b: string) => fold(a.trim()) === fold(b.trim());

function matchesAssignee(assignee: string, filter: ClaimFilter): boolean {
  if (filter.assignee === '') return true;
  if (filter.assignee === UNASSIGNED) return assignee.trim() === '';
  const name = filter.assignee === ASSIGNED_TO_ME ? filter.me : filter.assignee;
  return name.trim() !== '' && sameName(assignee, name);
}

export function matchesFilter(claim: Claim, filter: ClaimFilter): boolean {
  if (filter.status && claim.status !== filter.status) return false;
  if (filter.verdict === 'none' && claim.verdictId !== null) return false;
  if (filter.verdict && filter.verdict !== 'none' && claim.verdictId !== filter.verdict) return false;
  if (!matchesAssignee(claim.assignee, filter)) return false;
  const text = fold(filter.text.trim());
  if (!text) return true;
  return [claim.anchor.exact, claim.statement, claim.claimant, claim.rationale, ...claim.tags].some((field) =>
    fold(field).includes(text),
  );
}

/** The part of two texts that differs (after their common start and end), for "Quote changed". */
export function differingMiddle(before: string, after: string): { prefix: number; suffix: number } {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix])
    suffix++;
  // Whole words read better than a changed letter or two.
  const midWord = (text: string, at: number) =>
    at > 0 && at < text.length && /\S/.test(text[at - 1]!) && /\S/.test(text[at]!);
  while (prefix > 0 && (midWord(before, prefix) || midWord(after, prefix))) prefix--;
  while (suffix > 0 && (midWord(before, before.length - suffix) || midWord(after, after.length - suffix)))
    suffix--;
  return { prefix, suffix };
}

export const NOT_RATED = { label: 'Not yet rated', colour: '#8c959f' } as const;

/** Verdict id → label and colour; a stable string key so selectors can compare by value. */
export function verdictKey(verdicts: readonly Verdict[] | undefined): string {
  return (verdicts ?? [])
    .map((verdict) => `${verdict.id}\u0000${verdict.colour}\u0000${verdict.label}`)
    .join('\u0001');
}

export function verdictMapFromKey(key: string): Map<string, { label: string; colour: string }> {
  const map = new Map<string, { label: string; colour: string }>();
  if (!key) return map;
  for (const part of key.split('\u0001')) {
    const [id, colour, label] = part.split('\u0000');
    map.set(id!, { colour: colour!, label: label! });
  }
  return map;
}

/** A short, single-line preview of a quote for lists and screen-reader names. */
export function preview(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Cut at the last space before the limit, so the preview never ends mid-word (unless one word fills it).
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
