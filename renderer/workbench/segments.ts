/**
 * Highlight segmentation, pure: the article is cut into paragraphs, and each paragraph into
 * segments at every claim boundary (a sweep over sorted boundaries). Each segment knows the claims
 * covering it, innermost (shortest) first, so nested and overlapping claims can be drawn in layers
 * and every one of them stays clickable.
 */

/** A claim as the reading view needs it: where it is and what colour it gets. */
export interface Highlight {
  id: string;
  start: number;
  end: number;
  verdictId: string | null;
}

export interface Paragraph {
  /** UTF-16 offsets into the article text, end exclusive. */
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Ids of the claims covering the segment, innermost (shortest) first; empty for plain text. */
  claimIds: string[];
}

/** Paragraphs are separated by a blank line (the normalised text never has more than one). */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  while (start <= text.length) {
    const gap = text.indexOf('\n\n', start);
    const end = gap === -1 ? text.length : gap;
    if (end > start) paragraphs.push({ start, end });
    if (gap === -1) break;
    start = gap + 2;
  }
  return paragraphs;
}

/** The index of the paragraph that holds `offset`, or the next one after it when it falls in a gap. */
export function paragraphIndexAt(paragraphs: readonly Paragraph[], offset: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Groups highlights by the paragraphs they touch (a claim that crosses paragraphs is in each).
 * Paragraphs whose list has the same highlights (by reference) as in `previous` keep the previous
 * array, so a memoised paragraph re-renders only when one of its own claims changed.
 */
export function groupByParagraph(
  paragraphs: readonly Paragraph[],
  highlights: readonly Highlight[],
  previous: readonly (readonly Highlight[])[] = [],
): (readonly Highlight[])[] {
  const groups: Highlight[][] = paragraphs.map(() => []);
  if (paragraphs.length > 0) {
    for (const highlight of highlights) {
      if (highlight.end <= highlight.start) continue;
      let index = paragraphIndexAt(paragraphs, highlight.start);
      while (index < paragraphs.length && paragraphs[index]!.start < highlight.end) {
        if (paragraphs[index]!.end > highlight.start) groups[index]!.push(highlight);
        index++;
      }
    }
  }
  return groups.map((group, index) => {
    const old = previous[index];
    if (old && old.length === group.length && old.every((item, i) => item === group[i])) return old;
    return group.length === 0 ? EMPTY : group;
  });
}

const EMPTY: readonly Highlight[] = Object.freeze([]) as readonly Highlight[];

/**
 * Cuts [start, end) into segments at every boundary of the given highlights (clipped to the range).
 * A sweep: boundaries sorted once, the set of open claims kept as it goes.
 */
export function segmentRange(start: number, end: number, highlights: readonly Highlight[]): Segment[] {
  if (end <= start) return [];
  const events: { at: number; open: boolean; highlight: Highlight }[] = [];
  for (const highlight of highlights) {
    const from = Math.max(start, highlight.start);
    const to = Math.min(end, highlight.end);
    if (to <= from) continue;
    events.push({ at: from, open: true, highlight }, { at: to, open: false, highlight });
  }
  if (events.length === 0) return [{ start, end, claimIds: [] }];
  // Closings before openings at the same offset: adjacent claims never share a segment.
  events.sort((a, b) => a.at - b.at || Number(a.open) - Number(b.open));
  const segments: Segment[] = [];
  const open: Highlight[] = [];
  let cursor = start;
  let i = 0;
  while (i < events.length) {
    const at = events[i]!.at;
    if (at > cursor) {
      segments.push({ start: cursor, end: at, claimIds: innermostFirst(open) });
      cursor = at;
    }
    while (i < events.length && events[i]!.at === at) {
      const event = events[i]!;
      if (event.open) open.push(event.highlight);
      else open.splice(open.indexOf(event.highlight), 1);
      i++;
    }
  }
  if (cursor < end) segments.push({ start: cursor, end, claimIds: [] });
  return segments;
}

function innermostFirst(open: readonly Highlight[]): string[] {
  if (open.length === 0) return [];
  if (open.length === 1) return [open[0]!.id];
  return [...open]
    .sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start || (a.id < b.id ? -1 : 1))
    .map((highlight) => highlight.id);
}

/**
 * Which claim a click on a segment means: the innermost one, or, when the one already selected
 * covers the segment, the next one outwards (so repeated clicks reach every nested claim).
 */
export function claimForClick(claimIds: readonly string[], selectedId: string | null): string | undefined {
  if (claimIds.length === 0) return undefined;
  const at = selectedId === null ? -1 : claimIds.indexOf(selectedId);
  return claimIds[(at + 1) % claimIds.length];
}
