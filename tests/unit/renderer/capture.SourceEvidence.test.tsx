// @vitest-environment jsdom
/**
 * "Capture page" on a source against the fake bridge: offered only for an http(s) URL; offline it
 * says the source is queued and offers "Capture now"; a capture lists its files and says what it did.
 */
import { bridge } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { AttachmentView, CaptureOutcome } from '../../../shared/api/contract.attachments';
import { SourceEvidence } from '../../../renderer/workbench/SourceEvidence';
import { useAppStore } from '../../../renderer/store';

const CLAIM_ID = '11111111-1111-4111-8111-111111111111';
const SOURCE_ID = '22222222-2222-4222-8222-222222222222';
const PROJECT_ID = '33333333-3333-4333-8333-333333333333';
const OFFLINE = 'Could not reach the page — you seem to be offline. It is queued: Capture now retries.';

const captured = (kind: AttachmentView['kind'], name: string, sha: string): AttachmentView => ({
  id: `4444444${sha}-4444-4444-8444-444444444444`, projectId: PROJECT_ID, sourceId: SOURCE_ID, sha256: sha.repeat(64), name,
  mediaType: 'application/pdf', size: 2048, originUrl: 'https://example.org/final', kind, capturedAt: '2026-12-01T07:50:00.000Z',
  httpStatus: 200, addedBy: '', addedAt: '2026-12-01T07:50:01.000Z', executable: false,
});

let files: AttachmentView[];
let online: boolean;
const recheckApprovals = vi.fn(async () => undefined);

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ recheckApprovals });
  recheckApprovals.mockClear();
  files = [];
  online = false;
  bridge
    .answer('attachments.list', () => files)
    .answer('attachments.captureQueue', () => [])
    .answer('attachments.capture', (): CaptureOutcome => {
      if (!online) return { status: 'queued', message: OFFLINE };
      files = [captured('capture-mhtml', 'capture-page.mhtml', 'a'), captured('capture-pdf', 'capture-page.pdf', 'b'), captured('capture-screenshot', 'capture-screenshot.png', 'c')];
      return { status: 'captured', finalUrl: 'https://example.org/final', httpStatus: 200, capturedAt: '2026-12-01T07:50:00.000Z', attachments: files, message: 'Captured https://example.org/final (HTTP 200): 3 files kept as evidence.' };
    });
});
afterEach(cleanup);

it('offers no capture for a source without a web address', async () => {
  render(<SourceEvidence claimId={CLAIM_ID} sourceId={SOURCE_ID} number={1} url="" />);
  await waitFor(() => expect(bridge.requests('attachments.list')).toHaveLength(1));
  expect(screen.queryByRole('button', { name: /Capture/ })).toBeNull();
});

it('offline: says the source is queued and offers Capture now, which captures and lists the files', async () => {
  const user = userEvent.setup();
  render(<SourceEvidence claimId={CLAIM_ID} sourceId={SOURCE_ID} number={1} url="https://example.org/start" />);
  await user.click(await screen.findByRole('button', { name: 'Capture page: source 1' }));
  expect((await screen.findByRole('alert')).textContent).toBe(OFFLINE);
  online = true;
  await user.click(screen.getByRole('button', { name: 'Capture now: source 1' }));
  expect((await screen.findByText(/Captured https:\/\/example.org\/final \(HTTP 200\)/)).getAttribute('role')).toBe('status');
  const list = screen.getByRole('list', { name: 'Evidence files of source 1' });
  expect(within(list).getAllByRole('listitem')).toHaveLength(3);
  expect(within(list).getByText('aaaaaaaaaaaa').getAttribute('title')).toBe('a'.repeat(64));
  expect(bridge.requests('attachments.capture')).toEqual([{ sourceId: SOURCE_ID }, { sourceId: SOURCE_ID }]);
  expect(recheckApprovals).toHaveBeenCalledWith([CLAIM_ID]);
  expect(screen.getByRole('button', { name: 'Capture page: source 1' })).toBeTruthy();
});
