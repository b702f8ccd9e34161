/** The claim history's wording: who changed what, old → new, approvals, restorable values, time order. */
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/domain';
import {
  describeChange,
  differsFromCurrent,
  historyLines,
  lineText,
  newestFirst,
} from '../../../renderer/workbench/historyText';
import { claim, id } from './fixtures';
import { formatDate } from '../../../renderer/format/dates';

const FALSE = id(9);
const TRUE = id(8);
const label = (verdictId: string | null) =>
  verdictId === null ? 'Not yet rated' : verdictId === FALSE ? 'False' : verdictId === TRUE ? 'True' : 'a deleted verdict';

let next = 1;
function change(fields: Change['fields'], extra: Partial<Change> = {}): Change {
  return {
    id: id(1000 + next++),
    projectId: id(1),
    entityType: 'claim',
    entityId: id(3),
    op: 'update',
    fields,
    author: 'Ana',
    at: '2024-05-01T10:00:00.000Z',
    ...extra,
  };
}
const texts = (value: Change) => historyLines(value, label).map((line) => lineText(line));

describe('historyLines', () => {
  it('gives each changed field its old and new value', () => {
    expect(
      texts(
        change({
          claimant: { before: 'The minister', after: 'Minister of Labour' },
          claimDate: { before: '', after: '2024-04-30' },
          tags: { before: ['economy'], after: ['economy', 'jobs'] },
          claimantType: { before: '', after: 'Person' },
          assignee: { before: '', after: 'Bo' },
          rationale: { before: 'Old reasoning.', after: '' },
        }),
      ),
    ).toEqual([
      'Claimant: “The minister” → “Minister of Labour”',
      `Claim date: none → ${formatDate('2024-04-30')}`,
      'Tags: economy → economy, jobs',
      'Claimant type: not set → Person',
      'Assigned to: nobody → Bo',
      'Rationale: “Old reasoning.” → empty',
    ]);
  });

  it('names claims by number and says when a claim was marked or deleted', () => {
    const marked = change(
      { number: { after: 7 }, anchor: { after: { exact: 'unemployment fell by half' } }, status: { after: 'unchecked' } },
      { op: 'create' },
    );
    expect(texts(marked)).toEqual(['Marked as Claim 7', 'Quote: “unemployment fell by half”']);
    expect(texts(change({ number: { before: 7 } }, { op: 'delete' }))).toEqual(['Claim 7 deleted']);
    expect(texts(change({ number: { before: 3, after: 7 } }))).toEqual(['Number: Claim 3 → Claim 7']);
  });

  it('reads approvals as sentences and never shows the seal', () => {
    const seal = 'a'.repeat(64);
    const approved = change({
      status: { before: 'in_review', after: 'approved' },
      approval: { before: { by: '', at: '', seal: '' }, after: { by: 'Dana Editor', at: '2024-05-01T10:00:00.000Z', seal } },
    });
    expect(texts(approved)).toEqual(['Approved by Dana Editor']);

    const withdrawn = change({
      status: { before: 'approved', after: 'in_review' },
      approval: { before: { by: 'Dana Editor', at: '2024-05-01T10:00:00.000Z', seal }, after: { by: '', at: '', seal: '' } },
      approvalWithdrawn: { after: 'Changed after approval: verdict.' },
    });
    expect(texts(withdrawn)).toEqual([
      'Approval withdrawn: changed after approval: verdict',
      'Status: Approved → In review',
    ]);

    const byHand = change({
      status: { before: 'approved', after: 'researching' },
      approval: { before: { by: 'Dana Editor', at: '2024-05-01T10:00:00.000Z', seal }, after: { by: '', at: '', seal: '' } },
    });
    expect(texts(byHand)).toEqual(['Approval by Dana Editor withdrawn', 'Status: Approved → Researching']);
    for (const entry of [approved, withdrawn, byHand]) expect(describeChange(entry, label).join(' ')).not.toContain(seal);
  });

  it('offers the old value of claim fields for restoring, and nothing else', () => {
    const lines = historyLines(
      change({
        verdictId: { before: FALSE, after: TRUE },
        tags: { before: [], after: ['jobs'] },
        status: { before: 'unchecked', after: 'researching' },
        anchor: { before: { exact: 'a' }, after: { exact: 'b' } },
      }),
      label,
    );
    expect(lines.map((line) => line.restore)).toEqual([
      { field: 'verdictId', value: FALSE },
      { field: 'tags', value: [] },
      undefined,
      undefined,
    ]);
    const notRated = historyLines(change({ verdictId: { before: null, after: FALSE } }), label)[0]!;
    expect(notRated.restore).toEqual({ field: 'verdictId', value: null });
    const created = historyLines(change({ statement: { after: 'x' } }, { op: 'create' }), label);
    expect(created.every((line) => line.restore === undefined)).toBe(true);
  });

  it('keeps long text whole in the lines and shortens it only as plain text', () => {
    const long = 'word '.repeat(100).trim();
    const line = historyLines(change({ statement: { before: long, after: 'short' } }), label)[0]!;
    expect(line.before).toEqual({ text: long, quote: true });
    expect(lineText(line).length).toBeLessThan(120);
    expect(lineText(line)).toMatch(/^Statement: “word word .*…” → “short”$/);
  });

  it('describes sources with their old and new values', () => {
    expect(
      texts(change({ url: { before: '', after: 'https://example.org' } }, { entityType: 'source' })),
    ).toEqual(['Source URL: empty → “https://example.org”']);
    expect(texts(change({ position: { before: 0, after: 1 } }, { entityType: 'source' }))).toEqual(['Sources reordered']);
  });
});

describe('newestFirst', () => {
  it('orders by time, not by the order stored, so merged changes fall into place', () => {
    const local = change({}, { id: id(1), at: '2024-05-03T09:00:00.000Z' });
    const merged = change({}, { id: id(2), at: '2024-05-02T09:00:00+02:00' });
    const older = change({}, { id: id(3), at: '2024-05-02T08:00:00.000Z' });
    const sameAsLocal = change({}, { id: id(4), at: '2024-05-03T09:00:00.000Z' });
    // As the library answers: newest stored first (the merged one was stored last).
    const order = newestFirst([merged, local, sameAsLocal, older]).map((entry) => entry.id);
    expect(order).toEqual([id(1), id(4), id(3), id(2)]);
  });
});

describe('differsFromCurrent', () => {
  it('compares the past value with the claim as it is now', () => {
    const now = claim(1, 'unemployment fell by half', { tags: ['jobs'], verdictId: null });
    expect(differsFromCurrent({ field: 'tags', value: ['jobs'] }, now)).toBe(false);
    expect(differsFromCurrent({ field: 'tags', value: [] }, now)).toBe(true);
    expect(differsFromCurrent({ field: 'verdictId', value: null }, now)).toBe(false);
  });
});
