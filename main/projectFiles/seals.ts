/**
 * Approval seals computed from a payload instead of the library: the same text as
 * main/repositories/approvals.ts `currentSeal` hashes (the claim's published fields, its sources'
 * published fields, its correction notes), so a seal made here matches the one the library checks.
 */
import type { PublishedExtras, PublishedSource } from '../../shared/editorial/approval';
import { publishedContent } from '../../shared/editorial/approval';
import { sealOf } from '../editorial/seal';

type ClaimLike = Parameters<typeof publishedContent>[0] & { id: string };
interface SourceLike extends PublishedSource {
  claimId: string;
}
interface CorrectionLike {
  claimId: string;
  kind: string;
  text: string;
}

/** Sources and correction notes grouped by claim, to compute many claims' seals. */
export interface PublishedParts {
  sources: ReadonlyMap<string, PublishedSource[]>;
  extras: ReadonlyMap<string, PublishedExtras>;
}

export function publishedParts(
  sources: readonly SourceLike[],
  corrections: readonly CorrectionLike[] = [],
): PublishedParts {
  const byClaim = new Map<string, PublishedSource[]>();
  for (const source of sources) {
    let list = byClaim.get(source.claimId);
    if (!list) byClaim.set(source.claimId, (list = []));
    list.push(source);
  }
  const notes = new Map<string, string[]>();
  for (const correction of corrections) {
    let list = notes.get(correction.claimId);
    if (!list) notes.set(correction.claimId, (list = []));
    list.push(`${correction.kind}: ${correction.text}`);
  }
  const extras = new Map<string, PublishedExtras>();
  for (const [claimId, list] of notes) extras.set(claimId, { corrections: list });
  return { sources: byClaim, extras };
}

/** The canonical text a report publishes for the claim (what a seal hashes). */
export function publishedTextOf(claim: ClaimLike, parts: PublishedParts): string {
  return publishedContent(claim, parts.sources.get(claim.id) ?? [], parts.extras.get(claim.id) ?? {});
}

/** The seal the claim's content would get if it were approved now. */
export function sealInPayload(claim: ClaimLike, parts: PublishedParts): string {
  return sealOf(claim, parts.sources.get(claim.id) ?? [], parts.extras.get(claim.id) ?? {});
}
