import { describe, expect, it } from 'vitest';
import type { Change, Claim } from '../../../shared/domain';
import {
  compareClaims,
  deriveHighlights,
  matchesFilter,
  NO_FILTER,
  preview,
  sortClaims,
  verdictKey,
  verdictMapFromKey,
} from '../../../renderer/workbench/claimView';
import { describeChange } from '../../../renderer/workbench/historyText';
import { applyFormat, parseInline, parseRationale } from '../../../renderer/workbench/rationaleFormat';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
function claim(n: number, start: number, end: number, extra: Partial<Claim> = {}): Claim {
  return {
    id: ID(n),
    projectId: ID(100),
    articleId: ID(200),
    number: n,
    anchor: { start, end, exact: 'x'.repeat(end - start), prefix: '', suffix: '' },
    anchorState: 'anchored',
    quoteChangedFrom: '',
    approval: { by: '', at: '', seal: '' },
    claimantType: '',
    assignee: '',
    statement: '',
    claimant: '',
    claimDate: '',
    verdictId: null,
    rationale: '',
    status: 'unchecked',
    tags: [],
    createdAt: `2024-01-01T00:00:0${n % 10}.000Z`,
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}

describe('reading order', () => {
  it('sorts by start, the outer claim before the one nested at the same start, orphans last', () => {
    const claims = [
      claim(1, 10, 12),
      claim(2, 0, 5),
      claim(3, 0, 20),
      claim(4, 3, 4, { anchorState: 'orphaned' }),
    ];
    expect(sortClaims(claims).map((c) => c.id)).toEqual([ID(3), ID(2), ID(1), ID(4)]);
  });

  it('orders claims on the same span by creation, then by id, whatever order they come in', () => {
    // claim(n) is created at second n % 10: 5 before 7; 12 and 2 at the same second, id 2 first.
    const later = claim(7, 3, 9);
    const earlier = claim(5, 3, 9);
    const sameTimeHigherId = claim(12, 3, 9);
    const sameTimeLowerId = claim(2, 3, 9);
    expect(compareClaims(earlier, later)).toBeLessThan(0);
    expect(compareClaims(later, earlier)).toBeGreaterThan(0);
    expect(compareClaims(sameTimeLowerId, sameTimeHigherId)).toBeLessThan(0);
    expect(compareClaims(sameTimeHigherId, sameTimeLowerId)).toBeGreaterThan(0);
    const expected = [ID(2), ID(12), ID(5), ID(7)];
    expect(sortClaims([later, sameTimeHigherId, earlier, sameTimeLowerId]).map((c) => c.id)).toEqual(
      expected,
    );
    expect(sortClaims([sameTimeLowerId, earlier, sameTimeHigherId, later]).map((c) => c.id)).toEqual(
      expected,
    );
    // Only a claim compared with itself is a tie.
    expect(compareClaims(later, { ...later })).toBe(0);
  });
});

describe('deriveHighlights', () => {
  it('keeps the same array when only other fields changed, and the same objects for unchanged claims', () => {
    const claims = [claim(1, 0, 5), claim(2, 10, 15)];
    const first = deriveHighlights([], claims);
    expect(first.map((h) => h.id)).toEqual([ID(1), ID(2)]);
    const edited = [{ ...claims[0]!, rationale: 'typed' }, claims[1]!];
    expect(deriveHighlights(first, edited)).toBe(first);
    const rated = [{ ...claims[0]!, verdictId: ID(9) }, claims[1]!];
    const next = deriveHighlights(first, rated);
    expect(next).not.toBe(first);
    expect(next[1]).toBe(first[1]);
    expect(next[0]!.verdictId).toBe(ID(9));
  });
  it('leaves orphaned claims out', () => {
    expect(deriveHighlights([], [claim(1, 0, 5, { anchorState: 'orphaned' })])).toEqual([]);
  });
});

describe('filters', () => {
  const c = claim(1, 0, 5, {
    claimant: 'Dmitry Peskov',
    status: 'researching',
    verdictId: ID(9),
    tags: ['DPRK'],
  });
  it('match text (any field, case-insensitive), verdict and status', () => {
    expect(matchesFilter(c, NO_FILTER)).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, text: 'peskov' })).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, text: 'dprk' })).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, text: 'rutte' })).toBe(false);
    expect(matchesFilter(c, { ...NO_FILTER, verdict: ID(9) })).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, verdict: 'none' })).toBe(false);
    expect(matchesFilter(c, { ...NO_FILTER, status: 'approved' })).toBe(false);
  });
  it('verdict keys round-trip and previews are single lines', () => {
    const key = verdictKey([{ id: ID(1), colour: '#112233', label: 'True' }] as never);
    expect(verdictMapFromKey(key).get(ID(1))).toEqual({ colour: '#112233', label: 'True' });
    expect(preview('a\n\nb   c', 10)).toBe('a b c');
    expect(preview('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
    // Cut between words, never inside one.
    expect(preview('North Korea is our close neighbour', 20)).toBe('North Korea is our…');
  });
});

describe('rationale formatting', () => {
  it('parses paragraphs, lists, bold and italic, never HTML', () => {
    expect(parseRationale('First **bold** and _it_.\nSame paragraph.\n\n- one\n- two <b>x</b>')).toEqual([
      {
        kind: 'paragraph',
        lines: [
          [
            { kind: 'text', text: 'First ' },
            { kind: 'bold', text: 'bold' },
            { kind: 'text', text: ' and ' },
            { kind: 'italic', text: 'it' },
            { kind: 'text', text: '.' },
          ],
          [{ kind: 'text', text: 'Same paragraph.' }],
        ],
      },
      { kind: 'list', items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two <b>x</b>' }]] },
    ]);
    // snake_case words and arithmetic are not italics.
    expect(parseInline('a_b_c and 2*3*4')).toEqual([{ kind: 'text', text: 'a_b_c and 2*3*4' }]);
  });
  it('wraps a selection in markers and toggles list items', () => {
    expect(applyFormat('make this bold', 5, 9, 'bold')).toEqual({
      value: 'make **this** bold',
      start: 7,
      end: 11,
    });
    expect(applyFormat('one\ntwo', 0, 7, 'list').value).toBe('- one\n- two');
    expect(applyFormat('- one\n- two', 0, 11, 'list').value).toBe('one\ntwo');
  });
});

describe('history lines', () => {
  const change = (entityType: Change['entityType'], op: Change['op'], fields: Change['fields']): Change => ({
    id: ID(1),
    projectId: ID(2),
    entityType,
    entityId: ID(3),
    op,
    fields,
    author: 'Ana',
    at: '2024-01-01T00:00:00.000Z',
  });
  const label = (id: string | null) =>
    id === null ? 'Not yet rated' : id === ID(9) ? 'False' : 'a deleted verdict';
  it('describes verdict, status, rationale and sources in words', () => {
    expect(
      describeChange(
        change('claim', 'update', {
          verdictId: { before: null, after: ID(9) },
          status: { before: 'unchecked', after: 'in_review' },
          rationale: { before: '', after: 'x' },
        }),
        label,
      ),
    ).toEqual(['Verdict: Not yet rated → False', 'Status: Unchecked → In review', 'Rationale: empty → “x”']);
    expect(
      describeChange(
        change('source', 'create', { claimId: { after: ID(3) }, title: { after: 'NATO' } }),
        label,
      ),
    ).toEqual(['Source added “NATO”']);
    expect(
      describeChange(
        change('claim', 'update', { anchorState: { before: 'anchored', after: 'orphaned' } }),
        label,
      ),
    ).toEqual(['Lost its place when the article text changed']);
  });
});
