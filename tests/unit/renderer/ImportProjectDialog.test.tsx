// @vitest-environment jsdom
/**
 * The merge dialog names a claim conflict by the claim's number and shows, beside "Yours" and
 * "Theirs", the value both sides started from (verdict labels, never ids). Labels come unquoted
 * from main and are quoted once here.
 */
import { bridge } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportConflict, ImportPreview } from '../../../shared/api/contract.projectFiles';
import { ImportProjectDialog } from '../../../renderer/projectFiles/ImportProjectDialog';
import { useAppStore } from '../../../renderer/store';
import { id, PROJECT_ID } from './fixtures';

const [MOSTLY_FALSE, TRUE, FALSE] = [id(301), id(302), id(303)];
const zero = { verdicts: 0, articles: 0, claims: 0, sources: 0 };

function conflict(extra: Partial<ImportConflict> & Pick<ImportConflict, 'id'>): ImportConflict {
  return {
    kind: 'field',
    entityType: 'claim',
    entityId: id(70),
    label: 'Cooperation with North Korea is our sovereign right',
    claimNumber: 7,
    field: 'verdictId',
    fieldLabel: 'Verdict',
    base: { common: true, value: FALSE, display: 'False' },
    yours: {
      value: MOSTLY_FALSE,
      display: 'Mostly false',
      deleted: false,
      author: 'Ana',
      at: '2024-10-22T09:00:00.000Z',
    },
    theirs: { value: TRUE, display: 'True', deleted: false, author: 'Ben', at: '2024-10-22T10:00:00.000Z' },
    ...extra,
  };
}

function preview(conflicts: ImportConflict[]): ImportPreview {
  return {
    importId: 'import-1',
    fileName: 'Peskov.factcheck',
    projectId: PROJECT_ID,
    projectTitle: 'Peskov',
    mode: 'merge',
    exportedBy: 'Ben',
    exportedAt: '2024-10-22T10:30:00.000Z',
    appVersion: '0.1.0',
    formatVersion: 2,
    counts: {
      verdicts: 7,
      articles: 1,
      claims: 7,
      sources: 0,
      teamNotes: 0,
      corrections: 0,
      publications: 0,
      changes: 40,
    },
    effect: {
      added: zero,
      updated: { ...zero, claims: 1 },
      deleted: zero,
      editorialAdded: { teamNotes: 0, corrections: 0, publications: 0 },
      projectUpdated: false,
      changesImported: 2,
    },
    conflicts,
  };
}

async function openWith(conflicts: ImportConflict[]) {
  bridge.answer('projectFiles.inspect', () => preview(conflicts)).answer('projectFiles.discard', () => null);
  render(<ImportProjectDialog path="Peskov.factcheck" onClose={vi.fn()} />);
  const dialog = await screen.findByRole('dialog', { name: 'Import “Peskov.factcheck”' });
  return within(dialog).getByRole('region', { name: 'Conflicts' });
}

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
});
afterEach(cleanup);

describe('ImportProjectDialog conflicts', () => {
  it('names a claim by its number and shows what both sides started from, yours and theirs', async () => {
    const region = await openWith([conflict({ id: 'claim:70:verdictId' })]);
    const group = within(region).getByRole('group', { name: 'Claim 7 — Verdict' });
    expect(group.textContent).toContain('“Cooperation with North Korea is our sovereign right”');
    expect(group.textContent).toMatch(/Started from:\s*False/);
    expect(within(group).getByRole('radio', { name: 'Yours: Mostly false' })).toBeTruthy();
    expect(within(group).getByRole('radio', { name: 'Theirs: True' })).toBeTruthy();
    // Labels, never verdict ids.
    for (const verdict of [MOSTLY_FALSE, TRUE, FALSE]) expect(group.textContent).not.toContain(verdict);
    // Started from, yours, theirs: in that order.
    const text = group.textContent!;
    expect(text.indexOf('False')).toBeLessThan(text.indexOf('Mostly false'));
    expect(text.indexOf('Mostly false')).toBeLessThan(text.indexOf('True'));
  });

  it('quotes a label once, never twice', async () => {
    const region = await openWith([
      conflict({ id: 'claim:70:verdictId' }),
      conflict({
        id: 'claim:71:deleted',
        kind: 'deleted',
        entityId: id(71),
        claimNumber: 3,
        label: 'We will continue to develop this cooperation',
        field: null,
        fieldLabel: 'Claim deleted on one side, edited on the other',
        base: { common: true, value: null, display: 'Both copies had it' },
        yours: {
          value: null,
          display: 'Deleted',
          deleted: true,
          author: 'Ana',
          at: '2024-10-22T09:00:00.000Z',
        },
        theirs: {
          value: null,
          display: 'Kept and edited (rationale)',
          deleted: false,
          author: 'Ben',
          at: '2024-10-22T10:00:00.000Z',
        },
      }),
      conflict({
        id: 'verdict:303:label',
        entityType: 'verdict',
        entityId: FALSE,
        label: 'False',
        claimNumber: null,
        field: 'label',
        fieldLabel: 'Label',
        base: { common: true, value: 'False', display: 'False' },
        yours: {
          value: 'Untrue',
          display: 'Untrue',
          deleted: false,
          author: 'Ana',
          at: '2024-10-22T09:00:00.000Z',
        },
        theirs: {
          value: 'Wrong',
          display: 'Wrong',
          deleted: false,
          author: 'Ben',
          at: '2024-10-22T10:00:00.000Z',
        },
      }),
    ]);
    expect(region.textContent).not.toMatch(/““|””/);
    expect(region.textContent).toContain('“We will continue to develop this cooperation”');
    expect(
      within(region).getByRole('group', { name: 'Claim 3 — Claim deleted on one side, edited on the other' })
        .textContent,
    ).toMatch(/Started from:\s*Both copies had it/);
    expect(within(region).getByRole('group', { name: 'Label of verdict “False”' })).toBeTruthy();
  });

  it('says when the two copies had no common value', async () => {
    const region = await openWith([
      conflict({
        id: 'claim:70:rationale',
        field: 'rationale',
        fieldLabel: 'Rationale',
        base: { common: false, value: null, display: 'No common value' },
      }),
    ]);
    expect(within(region).getByRole('group', { name: 'Claim 7 — Rationale' }).textContent).toMatch(
      /Started from:\s*No common value/,
    );
  });

  it('merges with the side chosen for each conflict', async () => {
    const region = await openWith([conflict({ id: 'claim:70:verdictId' })]);
    bridge
      .answer('projectFiles.apply', () => ({
        projectId: PROJECT_ID,
        title: 'Peskov',
        mode: 'merge',
        added: zero,
        updated: { ...zero, claims: 1 },
        deleted: zero,
        editorialAdded: { teamNotes: 0, corrections: 0, publications: 0 },
        projectUpdated: false,
        resolved: { yours: 0, theirs: 1 },
        changesImported: 2,
        changesRecorded: 1,
        reanchoredClaims: 0,
        orphanedClaims: 0,
        renumberedClaims: [],
        approvalsWithdrawn: 0,
        backupId: id(900),
        unchanged: false,
      }))
      .answer('projects.list', () => []);
    const user = userEvent.setup();
    const merge = screen.getByRole('button', { name: 'Choose a side for 1 conflict' });
    expect((merge as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(region).getByRole('radio', { name: 'Theirs: True' }));
    await user.click(screen.getByRole('button', { name: 'Merge' }));
    expect(await screen.findByRole('dialog', { name: 'Import finished' })).toBeTruthy();
    expect(bridge.requests('projectFiles.apply')).toEqual([
      expect.objectContaining({
        importId: 'import-1',
        asCopy: false,
        resolutions: { 'claim:70:verdictId': 'theirs' },
      }),
    ]);
  });
});
