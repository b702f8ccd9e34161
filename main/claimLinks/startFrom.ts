/**
 * "Use as starting point": copies an earlier check into the claim in one transaction, so the copy
 * is whole or not at all, and the answer says exactly what changed (the renderer's one undo step).
 * From a library claim: its verdict (only when this project's scale has a verdict of the same
 * label), its rationale (under the claim's own) and its sources (as new sources). From a reference
 * fact-check: its rating as a rationale line and its address as a source. Nothing is approved; an
 * approved claim returns to "In review" through the ordinary approval rule.
 */
import type { LinkTarget, StartFromResult } from '../../shared/api/contract.claimLinks';
import { isHttpUrl, LIMITS, type ClaimFields, type SourceFields } from '../../shared/domain';
import { AppError } from '../errors';
import { getReferenceCheck, type ReferenceCheck } from '../repositories/claimLinks';
import * as claims from '../repositories/claims';
import type { RepoContext } from '../repositories/context';
import { createSource, listSourcesByClaim } from '../repositories/sources';
import { getVerdict, listVerdicts } from '../repositories/verdicts';

type CopiedSource = Partial<SourceFields>;

export function startFrom(ctx: RepoContext, claimId: string, target: LinkTarget): StartFromResult {
  const result = ctx.tx(() => {
    const claim = claims.getClaim(ctx, claimId);
    if (target.kind === 'claim' && target.id === claimId) {
      throw new AppError('invalid_request', 'A claim cannot be its own starting point.');
    }
    const notices: string[] = [];
    const patch: Partial<Pick<ClaimFields, 'verdictId' | 'rationale'>> = {};
    let text: string;
    let copies: CopiedSource[];
    if (target.kind === 'claim') {
      const earlier = claims.getClaim(ctx, target.id);
      if (earlier.verdictId !== null) {
        const label = getVerdict(ctx, earlier.verdictId).label;
        const same = listVerdicts(ctx, claim.projectId).find((verdict) => sameLabel(verdict.label, label));
        if (!same) notices.push(`The verdict was left as it is: this project’s scale has no “${label}”.`);
        else if (same.id !== claim.verdictId) patch.verdictId = same.id;
      }
      // The earlier rationale's [1], [2] point at its own sources, which land after ours.
      text = shiftSourceReferences(earlier.rationale.trim(), listSourcesByClaim(ctx, claimId).length);
      copies = listSourcesByClaim(ctx, earlier.id).map(
        ({ url, title, publisher, publishedDate, accessedDate, archivedUrl, excerpt, note }) => ({
          url, title, publisher, publishedDate, accessedDate, archivedUrl, excerpt, note,
        }),
      );
    } else {
      const reference = getReferenceCheck(ctx, target.id);
      text = ratedLine(reference);
      copies = isHttpUrl(reference.url) ? [referenceSource(reference)] : [];
    }
    if (text) patch.rationale = claim.rationale.trim() ? `${claim.rationale.trimEnd()}\n\n${text}` : text;
    if (patch.rationale !== undefined && patch.rationale.length > LIMITS.rationaleChars) {
      throw new AppError('invalid_request', `The rationale would be longer than ${LIMITS.rationaleChars} characters with the earlier one added. Shorten it first.`, 'rationale');
    }
    if (Object.keys(patch).length === 0 && copies.length === 0) {
      notices.push('That earlier check has no verdict, rationale or sources to copy.');
    }
    const before: StartFromResult['before'] = {};
    if ('verdictId' in patch) before.verdictId = claim.verdictId;
    if ('rationale' in patch) before.rationale = claim.rationale;
    if (Object.keys(patch).length > 0) claims.updateClaim(ctx, claimId, patch);
    const sources = copies.map((fields) => createSource(ctx, claimId, fields));
    return { before, sources, notices };
  });
  // Read after the commit: the approval rule runs just before it and may have withdrawn the approval.
  return { claim: claims.getClaim(ctx, claimId), ...result };
}

const sameLabel = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** "Rated “False” by PolitiFact on 2024-05-02", leaving out what the reference does not say. */
export function ratedLine(reference: Pick<ReferenceCheck, 'rating' | 'publisher' | 'reviewDate'>): string {
  const rating = reference.rating.trim();
  const by = reference.publisher.trim() ? ` by ${reference.publisher.trim()}` : '';
  const on = reference.reviewDate.trim() ? ` on ${reference.reviewDate.trim().slice(0, 10)}` : '';
  if (!rating && !by) return '';
  return `${rating ? `Rated “${rating}”` : 'Checked'}${by}${on}`;
}

function referenceSource(reference: ReferenceCheck): CopiedSource {
  const day = reference.reviewDate.slice(0, 10);
  return {
    url: reference.url,
    title: (reference.title || reference.claimText).slice(0, LIMITS.titleChars),
    publisher: reference.publisher.slice(0, LIMITS.shortTextChars),
    publishedDate: /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)) ? day : '',
  };
}

/** "[1]" → "[3]" and "[1–2]" → "[3–4]" when two sources come before the copied ones. */
export function shiftSourceReferences(text: string, offset: number): string {
  if (offset === 0) return text;
  return text.replace(/\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]/g, (_match, body: string) =>
    `[${body.replace(/\d+/g, (number) => String(Number(number) + offset))}]`,
  );
}
