/**
 * The approval rule's pure half: what a report publishes for one claim, as one canonical text.
 *
 * An approval seals this text (main/ keeps its SHA-256 beside the approver's name). Whatever path
 * later changes a claim (an edit, a shortcut, undo, a text edit that moves the quote, a restore, a
 * merged import), the library compares the claim's current published content with the seal; a
 * difference returns the claim to "In review". One rule, applied after the fact, so no path can
 * forget it. Features that add something a report publishes add it here and nowhere else.
 */
import type { Claim, Source } from '../domain';

/** Claim fields a report prints. Status, tags, assignee and team notes are never published. */
export const PUBLISHED_CLAIM_FIELDS = ['verdictId', 'statement', 'claimant', 'claimantType', 'claimDate', 'rationale'] as const;

/** Source fields a report prints; a source's private note is not among them. */
export const PUBLISHED_SOURCE_FIELDS = ['url', 'title', 'publisher', 'publishedDate', 'accessedDate', 'archivedUrl', 'excerpt'] as const;

export type PublishedClaim = Pick<Claim, (typeof PUBLISHED_CLAIM_FIELDS)[number]> & { anchor: Pick<Claim['anchor'], 'exact'> };
export type PublishedSource = Pick<Source, (typeof PUBLISHED_SOURCE_FIELDS)[number] | 'position'>;

/**
 * Published items beyond the claim's own fields (correction notes, links to earlier checks,
 * evidence), by kind, each item reduced to text. New kinds go here; new claim fields would change
 * every existing seal.
 */
export type PublishedExtras = Readonly<Record<string, readonly string[]>>;

/** The extra kind of a claim's links to earlier checks ("Previously checked" in reports). */
export const PREVIOUSLY_CHECKED = 'previouslyChecked';

/** What a report prints of one link to an earlier check: a snapshot taken when it was linked. */
export interface PreviouslyCheckedSnapshot {
  publisher: string;
  date: string;
  rating: string;
  url: string;
}

/**
 * One link as one line, "PolitiFact, 2024-05-02, False, https://…" (empty parts left out): what
 * a report prints after "Previously checked:", and what the seal holds of the link.
 */
export function previouslyCheckedLine(link: PreviouslyCheckedSnapshot): string {
  return [link.publisher, link.date, link.rating, link.url]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}

/** The extra kind of the evidence attached to a claim's sources (issue 13). */
export const EVIDENCE = 'evidence';

/** What the seal holds of one attachment: which source, under what name, which bytes. */
export interface EvidenceItem {
  /** The source's position (0-based, as stored). */
  sourcePosition: number;
  name: string;
  sha256: string;
}

/** One attachment as one line, "0|screenshot.png|<sha256>" (the extra `evidence`). */
export function evidenceLine(item: EvidenceItem): string {
  return `${item.sourcePosition}|${item.name}|${item.sha256}`;
}

/**
 * The canonical text of everything a report publishes for the claim. Key order is fixed and
 * sources are sorted by position, so equal content always gives equal text.
 */
export function publishedContent(
  claim: PublishedClaim,
  sources: readonly PublishedSource[],
  extras: PublishedExtras = {},
): string {
  const fields = PUBLISHED_CLAIM_FIELDS.map((key) => [key, claim[key] ?? null]);
  const ordered = [...sources].sort((a, b) => a.position - b.position);
  const sourceFields = ordered.map((source) => PUBLISHED_SOURCE_FIELDS.map((key) => source[key]));
  // Empty extras are left out, so a kind of published item added later (evidence, say) leaves the
  // seals of claims that have none of it as they were.
  const extraKeys = Object.keys(extras)
    .filter((key) => (extras[key]?.length ?? 0) > 0)
    .sort();
  return JSON.stringify({
    claim: fields,
    quote: claim.anchor.exact,
    sources: sourceFields,
    extras: extraKeys.map((key) => [key, [...(extras[key] ?? [])].sort()]),
  });
}

/** Which published fields differ, for the notice and the history entry ("verdict, rationale"). */
export function changedPublishedFields(
  before: PublishedClaim,
  after: PublishedClaim,
): string[] {
  const changed: string[] = PUBLISHED_CLAIM_FIELDS.filter(
    (key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null),
  );
  if (before.anchor.exact !== after.anchor.exact) changed.push('quote');
  return changed;
}
