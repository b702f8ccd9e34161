/**
 * The merge of claim links ("Previously checked"), pure. A link has no history entries of its own:
 * adding or removing one is an update of its claim's field `links` (the published lines before and
 * after, main/repositories/claimLinks.ts). So links merge as a union by id, where a link only one
 * side has is gone when the other side removed it since the copies diverged (a new `links` change
 * of that claim dropping its line) and the first side did not add it since; otherwise it was added
 * there and is kept. A link on both sides that differs takes the side that changed the claim's
 * links since the divergence (else yours). Links of claims the merge removed go with them, and two
 * links of one claim to the same earlier check (each side linked it) become one, the same one
 * whoever imports whom.
 */
import type { Change } from '../../shared/domain';
import { previouslyCheckedLine } from '../../shared/editorial/approval';
import type { ProjectPayload } from './format';
import { sameJson } from './records';

type Link = ProjectPayload['claimLinks'][number];

/** Per claim, how a side's new `links` changes moved each published line: + added, − removed. */
type LineMoves = Map<string, Map<string, number>>;

function lineMovesOf(newChanges: readonly Change[]): LineMoves {
  const moves: LineMoves = new Map();
  for (const change of newChanges) {
    const links = change.fields.links;
    if (change.entityType !== 'claim' || change.op !== 'update' || !links) continue;
    let lines = moves.get(change.entityId);
    if (!lines) moves.set(change.entityId, (lines = new Map()));
    for (const line of linesOf(links.before)) lines.set(line, (lines.get(line) ?? 0) - 1);
    for (const line of linesOf(links.after)) lines.set(line, (lines.get(line) ?? 0) + 1);
  }
  return moves;
}

/** The history stores a claim's links as their published lines, one per line. */
const linesOf = (value: unknown): string[] =>
  typeof value === 'string' && value !== '' ? value.split('\n') : [];

export function mergeClaimLinks(
  yours: readonly Link[],
  theirs: readonly Link[],
  newChanges: { yours: readonly Change[]; theirs: readonly Change[] },
  keptClaimIds: ReadonlySet<string>,
): Link[] {
  const moves = { yours: lineMovesOf(newChanges.yours), theirs: lineMovesOf(newChanges.theirs) };
  const moved = (side: 'yours' | 'theirs', link: Link) =>
    moves[side].get(link.claimId)?.get(previouslyCheckedLine(link)) ?? 0;
  const touched = (side: 'yours' | 'theirs', link: Link) => moves[side].has(link.claimId);
  const mine = new Map(yours.map((link) => [link.id, link]));
  const other = new Map(theirs.map((link) => [link.id, link]));

  const merged: Link[] = [];
  const keep = (link: Link, side: 'yours' | 'theirs', otherSide: 'yours' | 'theirs') => {
    const removedThere = moved(otherSide, link) < 0 || (touched(otherSide, link) && !touched(side, link));
    if (!removedThere || moved(side, link) > 0) merged.push(link);
  };
  for (const link of yours) {
    const theirLink = other.get(link.id);
    if (!theirLink) keep(link, 'yours', 'theirs');
    else if (sameJson(link, theirLink)) merged.push(link);
    else merged.push(touched('theirs', link) && !touched('yours', link) ? theirLink : link);
  }
  for (const link of theirs) if (!mine.has(link.id)) keep(link, 'theirs', 'yours');

  // One link per (claim, earlier check): the first linked, then the lower id, so both copies agree.
  const byPair = new Map<string, Link>();
  for (const link of merged) {
    if (!keptClaimIds.has(link.claimId)) continue;
    const pair = `${link.claimId} ${link.targetId}`;
    const held = byPair.get(pair);
    if (!held || link.linkedAt < held.linkedAt || (link.linkedAt === held.linkedAt && link.id < held.id))
      byPair.set(pair, link);
  }
  const chosen = new Set(byPair.values());
  return merged.filter((link) => chosen.has(link));
}
