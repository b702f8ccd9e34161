import { countOf } from '../format/dates';
import type { EditorialCounts, EntityCounts } from '../../shared/api/contract.projectFiles';

/** "3 claims, 1 source" — or "nothing" when every count is zero. */
export function describeCounts(counts: EntityCounts): string {
  const parts = (
    [
      ['article', counts.articles],
      ['claim', counts.claims],
      ['source', counts.sources],
      ['verdict', counts.verdicts],
    ] as const
  )
    .filter(([, count]) => count > 0)
    .map(([noun, count]) => countOf(count, noun));
  return parts.length ? parts.join(', ') : 'nothing';
}

/** "1 team note, 2 correction notes" — or '' when there are none. */
export function describeEditorial(counts: EditorialCounts): string {
  return (
    [
      ['team note', counts.teamNotes],
      ['correction note', counts.corrections],
      ['publication', counts.publications],
    ] as const
  )
    .filter(([, count]) => count > 0)
    .map(([noun, count]) => countOf(count, noun))
    .join(', ');
}
