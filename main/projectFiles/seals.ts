/**
 * Approval seals computed from a payload instead of the library: the same text as
 * main/repositories/approvals.ts `currentSeal` hashes (the claim's published fields, its sources'
 * published fields, its correction notes, its links' "Previously checked" lines, its sources'
 * evidence lines), so a seal made here matches the one the library checks.
 */
import type {
  PreviouslyCheckedSnapshot,
  PublishedExtras,
  PublishedSource,
} from '../../shared/editorial/approval';
import {
  EVIDENCE,
  evidenceLine,
  PREVIOUSLY_CHECKED,
  previouslyCheckedLine,
  publishedContent,
} from '../../shared/editorial/approval';
import { sealOf } from '../editorial/seal';

type ClaimLike = Parameters<typeof publishedContent>[0] & { id: string };
interface SourceLike extends PublishedSource {
  id?: string;
  claimId: string;
}
interface AttachmentLike {
  sourceId: string;
  name: string;
  sha256: string;
}
interface CorrectionLike {
  claimId: string;
  kind: string;
  text: string;
}
interface LinkLike extends PreviouslyCheckedSnapshot {
  claimId: string;
}

/** Sources, correction notes and links grouped by claim, to compute many claims' seals. */
export interface PublishedParts {
  sources: ReadonlyMap<string, PublishedSource[]>;
  extras: ReadonlyMap<string, PublishedExtras>;
}

export function publishedParts(
  sources: readonly SourceLike[],
  corrections: readonly CorrectionLike[] = [],
  links: readonly LinkLike[] = [],
  attachments: readonly AttachmentLike[] = [],
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
  const lines = new Map<string, string[]>();
  for (const link of links) {
    let list = lines.get(link.claimId);
    if (!list) lines.set(link.claimId, (list = []));
    list.push(previouslyCheckedLine(link));
  }
  // Evidence as main/repositories/evidenceLines.ts reads it: "<source position>|<name>|<sha256>".
  const sourceById = new Map<string, SourceLike>();
  for (const source of sources) if (source.id !== undefined) sourceById.set(source.id, source);
  const evidence = new Map<string, string[]>();
  for (const attachment of attachments) {
    const source = sourceById.get(attachment.sourceId);
    if (!source) continue;
    let list = evidence.get(source.claimId);
    if (!list) evidence.set(source.claimId, (list = []));
    list.push(evidenceLine({ sourcePosition: source.position, name: attachment.name, sha256: attachment.sha256 }));
  }
  const extras = new Map<string, PublishedExtras>();
  for (const claimId of new Set([...notes.keys(), ...lines.keys(), ...evidence.keys()]))
    extras.set(claimId, {
      corrections: notes.get(claimId) ?? [],
      [PREVIOUSLY_CHECKED]: lines.get(claimId) ?? [],
      [EVIDENCE]: evidence.get(claimId) ?? [],
    });
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
