// @vitest-environment jsdom
/**
 * "Reference fact-checks…" (renderer/references/): the collections with their counts, Delete after
 * asking, and the import: a CSV's mapping step prefilled from its headers, the sample following
 * the mapping, the mapping sent with the import, and the summary's words.
 */
import { bridge } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReferenceCollection, ReferenceInspection } from '../../../shared/api/contract.references';
import { ReferenceChecksDialog } from '../../../renderer/references/ReferenceChecksDialog';
import { id } from './fixtures';

const CHECKTHAT: ReferenceCollection = { id: id(801), name: 'CheckThat 2020', format: 'tsv', sourceFile: 'verified_claims.docs.tsv', importedAt: '2024-05-04T09:00:00.000Z', itemCount: 10_375 };
const CSV: ReferenceInspection = {
  path: '/data/checks.csv',
  fileName: 'checks.csv',
  format: 'csv',
  columns: ['Statement', 'Verdict', 'Where'],
  suggestedMapping: { Statement: 'claimText', Verdict: 'rating' },
  needsMapping: true,
  sampleRows: [
    ['The river dried up', 'False', 'https://example.org/river'],
    ['Bread costs double', 'Misleading', 'javascript:alert(1)'],
  ],
  sample: [],
  itemCount: 2,
  countIsEstimate: false,
};
let collections: ReferenceCollection[];

beforeEach(() => {
  bridge.reset();
  collections = [CHECKTHAT];
  bridge
    .answer('references.collections', () => collections)
    .answer('references.deleteCollection', ({ id: removed }) => {
      collections = collections.filter((collection) => collection.id !== removed);
      return null;
    })
    .answer('references.inspect', () => CSV)
    .answer('references.import', ({ collectionName }) => ({ collectionId: id(802), collectionName, added: 2, merged: 3, skipped: 12 }));
});
afterEach(cleanup);

async function open() {
  const user = userEvent.setup();
  render(<ReferenceChecksDialog onClose={vi.fn()} />);
  const dialog = screen.getByRole('dialog', { name: 'Reference fact-checks' });
  await within(dialog).findByRole('table', { name: 'Collections' });
  return { user, dialog };
}

describe('reference fact-checks', () => {
  it('lists each collection with its format, count and date, and deletes one only after asking', async () => {
    const { user, dialog } = await open();
    const row = within(dialog).getByRole('row', { name: /CheckThat 2020/ });
    expect(row.textContent).toContain('TSV');
    expect(row.textContent).toContain((10_375).toLocaleString());
    await user.click(within(row).getByRole('button', { name: 'Delete CheckThat 2020' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete “CheckThat 2020”?' });
    expect(confirm.textContent).toContain(`This removes its ${(10_375).toLocaleString()} fact-checks from your library.`);
    expect(bridge.requests('references.deleteCollection')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Delete collection' }));
    await within(screen.getByRole('dialog', { name: 'Reference fact-checks' })).findByText(/No reference fact-checks yet/);
    expect(bridge.requests('references.deleteCollection')).toEqual([{ id: CHECKTHAT.id }]);
  });

  it('a CSV import prefills the mapping, previews rows by it, sends it, and sums up what happened', async () => {
    const { user, dialog } = await open();
    await user.click(within(dialog).getByRole('button', { name: 'Import fact-checks…' }));
    const preview = await screen.findByRole('dialog', { name: 'Import “checks.csv”' });
    expect(preview.textContent).toContain('Format: CSV · 2 items');
    const mapping = within(preview).getByRole('group', { name: 'Which column holds what' });
    expect((within(mapping).getByLabelText('Claim text (required)') as HTMLSelectElement).value).toBe('Statement');
    expect((within(mapping).getByLabelText('Rating') as HTMLSelectElement).value).toBe('Verdict');
    expect((within(mapping).getByLabelText('URL') as HTMLSelectElement).value).toBe('');
    await user.selectOptions(within(mapping).getByLabelText('URL'), 'Where');
    const sample = within(preview).getByRole('table', { name: 'Sample' });
    expect(within(sample).getAllByRole('row')).toHaveLength(3);
    expect(sample.textContent).toContain('Misleading');

    // Without a claim-text column nothing can be imported.
    await user.selectOptions(within(mapping).getByLabelText('Claim text (required)'), '');
    expect(within(preview).getByRole('alert').textContent).toBe('Choose the column that holds the claim text.');
    expect((within(preview).getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(within(mapping).getByLabelText('Claim text (required)'), 'Statement');

    const name = within(preview).getByLabelText('Collection name');
    expect((name as HTMLInputElement).value).toBe('checks');
    await user.clear(name);
    await user.type(name, 'CheckThat 2020');
    expect(within(preview).getByText(/Adds to the collection “CheckThat 2020”/)).toBeTruthy();
    await user.click(within(preview).getByRole('button', { name: 'Import' }));

    const done = await screen.findByRole('dialog', { name: 'Import finished' });
    expect(within(done).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '2 fact-checks added.',
      '3 duplicates merged.',
      '12 items had no claim text and were left out.',
    ]);
    const [request] = bridge.requests('references.import');
    expect(request).toMatchObject({ path: '/data/checks.csv', collectionName: 'CheckThat 2020', mapping: { Statement: 'claimText', Verdict: 'rating', Where: 'url' } });
    expect(request!.taskId).toMatch(/^[A-Za-z0-9_-]+$/);
    await user.click(within(done).getByRole('button', { name: 'Done' }));
    await screen.findByRole('dialog', { name: 'Reference fact-checks' });
  });
});
