import { describe, expect, it } from 'vitest';
import {
  claimForClick,
  groupByParagraph,
  paragraphIndexAt,
  segmentRange,
  splitParagraphs,
  type Highlight,
} from '../../../renderer/workbench/segments';

const h = (id: string, start: number, end: number): Highlight => ({ id, start, end, verdictId: null });

describe('splitParagraphs', () => {
  it('cuts at blank lines and keeps offsets into the whole text', () => {
    const text = 'One line.\nSame paragraph.\n\nSecond.\n\nThird';
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map(({ start, end }) => text.slice(start, end))).toEqual([
      'One line.\nSame paragraph.',
      'Second.',
      'Third',
    ]);
    expect(paragraphIndexAt(paragraphs, 0)).toBe(0);
    expect(paragraphIndexAt(paragraphs, 26)).toBe(1); // in the gap: the next paragraph
    expect(paragraphIndexAt(paragraphs, text.length - 1)).toBe(2);
  });
  it('answers nothing for empty text', () => {
    expect(splitParagraphs('')).toEqual([]);
  });
});

describe('segmentRange', () => {
  it('is one plain segment without highlights', () => {
    expect(segmentRange(0, 10, [])).toEqual([{ start: 0, end: 10, claimIds: [] }]);
  });
  it('cuts at every boundary of overlapping and nested claims, innermost first', () => {
    const outer = h('outer', 0, 20);
    const inner = h('inner', 5, 10);
    const overlap = h('overlap', 15, 30);
    expect(segmentRange(0, 40, [outer, inner, overlap])).toEqual([
      { start: 0, end: 5, claimIds: ['outer'] },
      { start: 5, end: 10, claimIds: ['inner', 'outer'] },
      { start: 10, end: 15, claimIds: ['outer'] },
      { start: 15, end: 20, claimIds: ['overlap', 'outer'] }, // the shorter claim counts as the inner one
      { start: 20, end: 30, claimIds: ['overlap'] },
      { start: 30, end: 40, claimIds: [] },
    ]);
  });
  it('keeps adjacent claims apart and clips claims that cross the range', () => {
    expect(segmentRange(10, 20, [h('a', 0, 14), h('b', 14, 25)])).toEqual([
      { start: 10, end: 14, claimIds: ['a'] },
      { start: 14, end: 20, claimIds: ['b'] },
    ]);
  });
  it('covers every claim of a dense random layout exactly', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const claims = Array.from({ length: 200 }, (_, i) => {
      const start = Math.floor(random() * 900);
      return h(`c${i}`, start, start + 1 + Math.floor(random() * 100));
    });
    const segments = segmentRange(0, 1000, claims);
    expect(segments[0]!.start).toBe(0);
    expect(segments[segments.length - 1]!.end).toBe(1000);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.start).toBe(segments[i - 1]!.end);
    for (const segment of segments) {
      const expected = claims
        .filter((claim) => claim.start < segment.end && claim.end > segment.start)
        .map((claim) => claim.id)
        .sort();
      expect([...segment.claimIds].sort()).toEqual(expected);
      for (const claim of claims)
        expect(claim.start <= segment.start || claim.start >= segment.end).toBe(true);
    }
  });
});

describe('groupByParagraph', () => {
  const text = 'aaaa\n\nbbbb\n\ncccc';
  const paragraphs = splitParagraphs(text);
  it('puts a claim that crosses paragraphs in each of them', () => {
    const crossing = h('x', 2, 8);
    const groups = groupByParagraph(paragraphs, [crossing]);
    expect(groups.map((group) => group.map((item) => item.id))).toEqual([['x'], ['x'], []]);
  });
  it('keeps the previous array of paragraphs whose claims did not change (so they do not re-render)', () => {
    const a = h('a', 0, 2);
    const c = h('c', 12, 14);
    const first = groupByParagraph(paragraphs, [a, c]);
    const second = groupByParagraph(paragraphs, [a, h('b', 6, 8), c], first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[2]).toBe(first[2]);
  });
});

describe('claimForClick', () => {
  it('picks the innermost claim, then the next one out on each click', () => {
    expect(claimForClick(['inner', 'outer'], null)).toBe('inner');
    expect(claimForClick(['inner', 'outer'], 'inner')).toBe('outer');
    expect(claimForClick(['inner', 'outer'], 'outer')).toBe('inner');
    expect(claimForClick(['inner', 'outer'], 'elsewhere')).toBe('inner');
    expect(claimForClick([], null)).toBeUndefined();
  });
});
