// @vitest-environment jsdom
/**
 * SourceEvidence against the fake bridge: the list shows each file's type, size, author and short
 * SHA-256; "Attach file…" uploads in chunks; a text preview shows the text; "Remove" asks first
 * and rechecks the claim's approval; programs get no "Open with system viewer".
 */
import { bridge } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { AttachmentView } from '../../../shared/api/contract.attachments';
import { SourceEvidence } from '../../../renderer/workbench/SourceEvidence';
import { useAppStore } from '../../../renderer/store';

const CLAIM_ID = '11111111-1111-4111-8111-111111111111';
const SOURCE_ID = '22222222-2222-4222-8222-222222222222';
const PROJECT_ID = '33333333-3333-4333-8333-333333333333';
const TEXT = 'The ministry said troops were not deployed.';

const file = (id: string, fields: Partial<AttachmentView>): AttachmentView => ({
  id, projectId: PROJECT_ID, sourceId: SOURCE_ID, sha256: 'ab'.repeat(32), name: 'x', mediaType: 'text/plain', size: 2048,
  originUrl: '', kind: 'file', capturedAt: '', httpStatus: null, addedBy: 'Ana Checker', addedAt: '2024-05-02T10:00:00.000Z', executable: false,
  ...fields,
});

// jsdom's Blob has no arrayBuffer(); browsers do. Read it through FileReader, as jsdom supports.
if (!('arrayBuffer' in Blob.prototype)) {
  Object.defineProperty(Blob.prototype, 'arrayBuffer', {
    value(this: Blob) {
      return new Promise<ArrayBuffer>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error);
        reader.readAsArrayBuffer(this);
      });
    },
  });
}

let files: AttachmentView[];
const recheckApprovals = vi.fn(async () => undefined);

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ recheckApprovals });
  recheckApprovals.mockClear();
  files = [
    file('44444444-4444-4444-8444-444444444444', { name: 'statement.txt', sha256: '1234567890ab'.padEnd(64, 'c') }),
    file('55555555-5555-4555-8555-555555555555', { name: 'setup.exe', mediaType: 'application/x-msdownload', executable: true }),
  ];
  bridge
    .answer('attachments.list', () => files)
    .answer('attachments.read', () => ({ base64: btoa(TEXT), mediaType: 'text/plain', size: TEXT.length, truncated: false }))
    .answer('attachments.remove', ({ id }) => {
      files = files.filter((item) => item.id !== id);
      return null;
    })
    .answer('attachments.uploadBegin', () => ({ uploadId: '66666666-6666-4666-8666-666666666666' }))
    .answer('attachments.uploadChunk', ({ base64 }) => ({ received: atob(base64).length }))
    .answer('attachments.uploadFinish', () => {
      const added = file('77777777-7777-4777-8777-777777777777', { name: 'photo.png', mediaType: 'image/png' });
      files = [...files, added];
      return added;
    });
});
afterEach(cleanup);

it('lists the files with type, size, author and short SHA-256; programs cannot be opened', async () => {
  render(<SourceEvidence claimId={CLAIM_ID} sourceId={SOURCE_ID} number={1} />);
  const list = await screen.findByRole('list', { name: 'Evidence files of source 1' });
  const [text, program] = within(list).getAllByRole('listitem') as [HTMLElement, HTMLElement];
  expect(text.textContent).toContain('statement.txt');
  expect(text.textContent).toContain('Text');
  expect(text.textContent).toContain('Ana Checker');
  expect(within(text).getByText('1234567890ab').getAttribute('title')).toBe(files[0]!.sha256);
  expect(within(text).getByRole('button', { name: 'Open with system viewer: statement.txt' })).toBeTruthy();
  expect(within(program).queryByRole('button', { name: /Open with system viewer/ })).toBeNull();
});

it('previews text as text, and removes only after asking', async () => {
  const user = userEvent.setup();
  render(<SourceEvidence claimId={CLAIM_ID} sourceId={SOURCE_ID} number={1} />);
  await screen.findByRole('list', { name: 'Evidence files of source 1' });
  await user.click(screen.getByRole('button', { name: 'Preview of statement.txt' }));
  expect((await screen.findByLabelText('Preview of statement.txt')).textContent).toContain(TEXT);

  await user.click(screen.getByRole('button', { name: 'Remove statement.txt' }));
  const dialog = screen.getByRole('alertdialog', { name: 'Remove evidence?' });
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(bridge.requests('attachments.remove')).toEqual([]);
  await user.click(screen.getByRole('button', { name: 'Remove statement.txt' }));
  await user.click(within(screen.getByRole('alertdialog', { name: 'Remove evidence?' })).getByRole('button', { name: 'Remove' }));
  await waitFor(() => expect(bridge.requests('attachments.remove')).toEqual([{ id: '44444444-4444-4444-8444-444444444444' }]));
  await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
  expect(recheckApprovals).toHaveBeenCalledWith([CLAIM_ID]);
});

it('"Attach file…" uploads the chosen file in chunks and lists it', async () => {
  const user = userEvent.setup();
  render(<SourceEvidence claimId={CLAIM_ID} sourceId={SOURCE_ID} number={1} />);
  await screen.findByRole('list', { name: 'Evidence files of source 1' });
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  await user.upload(screen.getByLabelText('Choose evidence files for source 1'), new File([bytes], 'photo.png', { type: 'image/png' }));
  await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Attached: photo.png.'));
  expect(bridge.requests('attachments.uploadBegin')).toEqual([{ sourceId: SOURCE_ID, name: 'photo.png', mediaType: 'image/png', size: 7 }]);
  expect(bridge.requests('attachments.uploadChunk').map((chunk) => chunk.index)).toEqual([0]);
  expect(within(screen.getByRole('list', { name: 'Evidence files of source 1' })).getAllByRole('listitem')).toHaveLength(3);
  expect(recheckApprovals).toHaveBeenCalledWith([CLAIM_ID]);
});
