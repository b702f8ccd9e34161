/**
 * "Capture page" end to end below the window: the channel asks the host for the capture over the
 * back-channel (serveHost/connectHost on a MessageChannel, as between the library worker and its
 * host), the host's Playwright Chromium captures a page of a local site, and the library stores
 * each file with its SHA-256 and a row of kind capture-*. Offline queues the source.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentPath } from '../../../main/attachments/store';
import type { Db } from '../../../main/db/open';
import { createPlaywrightCapture } from '../../../main/capture/playwrightCapture';
import { findChromium } from '../../../main/reports/sharedChromium';
import { CAPTURE_OFFLINE } from '../../../main/services/pageCapture';
import { threadPortEndpoint } from '../../../main/worker/endpoints';
import { createInProcessHost, type LibraryHost } from '../../../main/worker/host';
import { connectHost, serveHost } from '../../../main/worker/protocol';
import type { HostEndpoint } from '../../../main/worker/protocol';
import { createApiClient, type ApiClient } from '../../../shared/api/client';
import { anchorOf, expectError, projectWithArticle } from '../../support/apiHelpers';
import { noDialogs, noPrinter, tempDir } from '../../support/library';
import { startCaptureSite, type CaptureSite } from '../../fixtures/captureSite';

const chromium = await findChromium();
const skipReason = chromium ? '' : 'no Chromium found (set CHROMIUM_PATH)';
if (skipReason) console.warn(`Skipping the capture channel tests: ${skipReason}.`);

const SLOW = 60_000;

describe.skipIf(skipReason !== '')('attachments.capture over the back-channel', () => {
  const capture = createPlaywrightCapture();
  let site: CaptureSite;
  let host: LibraryHost;
  let api: ApiClient;
  let dataDir: string;
  let channel: MessageChannel;
  let db: () => Db;

  beforeAll(async () => {
    site = await startCaptureSite();
    dataDir = tempDir('factcheck-capture-');
    channel = new MessageChannel();
    let library: ReturnType<typeof createInProcessHost> | null = null;
    // The library side: its pageCapture asks the host (serveHost's back-channel).
    serveHost(threadPortEndpoint(channel.port1), (init, services) => {
      library = createInProcessHost({ ...init, ...services, log: () => undefined });
      return library;
    });
    const port2 = channel.port2;
    const endpoint: HostEndpoint = {
      post: (message) => port2.postMessage(message),
      onMessage: (listener) => port2.on('message', listener),
    };
    // The host side: it holds the browser.
    host = connectHost(endpoint, {
      init: { dataDir, appVersion: 'test', validateResponses: true },
      services: { dialogs: noDialogs, printer: noPrinter, pageCapture: capture },
      log: () => undefined,
    });
    await host.ready;
    db = () => library!.library.db!;
    api = createApiClient({ invoke: (name, request) => host.dispatch(name, request), subscribe: () => () => undefined });
  });
  afterAll(async () => {
    await host.close();
    channel.port1.close();
    channel.port2.close();
    await capture.close();
    await site.close();
  });

  const sourceWithUrl = async (url: string) => {
    const setup = await projectWithArticle(api);
    const claim = await api.call('claims.create', { articleId: setup.article.id, anchor: anchorOf(setup.article.text, 'Peskov') });
    const source = await api.call('sources.create', { claimId: claim.id, fields: { title: 'Page', url } });
    return { claim, source };
  };

  it('stores MHTML, PDF, screenshot and text with their SHA-256, final URL, status and time', async () => {
    const { claim, source } = await sourceWithUrl(`${site.origin}/redirect`);
    const outcome = await api.call('attachments.capture', { sourceId: source.id });
    if (outcome.status !== 'captured') throw new Error(`expected a capture, got ${outcome.message}`);
    expect(outcome.finalUrl).toBe(`${site.origin}/normal`);
    expect(outcome.httpStatus).toBe(200);
    const rows = db()
      .prepare(`SELECT kind, sha256, size, origin_url, http_status, captured_at, media_type FROM attachments WHERE source_id = ? ORDER BY kind`)
      .all(source.id) as { kind: string; sha256: string; size: number; origin_url: string; http_status: number; captured_at: string; media_type: string }[];
    expect(rows.map((row) => row.kind)).toEqual(['capture-mhtml', 'capture-pdf', 'capture-screenshot', 'capture-text']);
    for (const row of rows) {
      const bytes = fs.readFileSync(attachmentPath(dataDir, row.sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
      expect(bytes.length).toBe(row.size);
      expect(row.origin_url).toBe(`${site.origin}/normal`);
      expect(row.http_status).toBe(200);
      expect(row.captured_at).toBe(outcome.capturedAt);
    }
    const text = rows.find((row) => row.kind === 'capture-text')!;
    expect(fs.readFileSync(attachmentPath(dataDir, text.sha256), 'utf8')).toContain('Unemployment fell by 3% in 2025.');
    expect(rows.find((row) => row.kind === 'capture-mhtml')!.media_type).toBe('multipart/related');
    // Listed for the claim like any evidence.
    const listed = await api.call('attachments.list', { claimId: claim.id });
    expect(listed.filter((item) => item.kind.startsWith('capture-'))).toHaveLength(4);
    expect(await capture.openPages()).toEqual({ contexts: 0, pages: 0 });
  }, SLOW);

  it('keeps the capture of a 404 with its status and says the page may be gone', async () => {
    const { source } = await sourceWithUrl(`${site.origin}/missing`);
    const outcome = await api.call('attachments.capture', { sourceId: source.id });
    if (outcome.status !== 'captured') throw new Error('expected a capture');
    expect(outcome.httpStatus).toBe(404);
    expect(outcome.message).toMatch(/HTTP 404 \(it may have been deleted\)/);
    const statuses = db().prepare(`SELECT DISTINCT http_status FROM attachments WHERE source_id = ?`).all(source.id);
    expect(statuses).toEqual([{ http_status: 404 }]);
  }, SLOW);

  it('offline: queues the source with a clear message; Capture now retries and takes it off the queue', async () => {
    const later = await startCaptureSite();
    const url = `${later.origin}/normal`;
    await later.close();
    const { claim, source } = await sourceWithUrl(url);
    const outcome = await api.call('attachments.capture', { sourceId: source.id });
    expect(outcome).toEqual({ status: 'queued', message: CAPTURE_OFFLINE });
    expect(await api.call('attachments.captureQueue', { claimId: claim.id })).toMatchObject([{ sourceId: source.id, url }]);
    expect(db().prepare(`SELECT count(*) AS n FROM attachments WHERE source_id = ?`).get(source.id)).toEqual({ n: 0 });
    // Back online: the source's URL now points at a page that answers.
    await api.call('sources.update', { id: source.id, fields: { url: `${site.origin}/normal` } });
    const retried = await api.call('attachments.capture', { sourceId: source.id });
    expect(retried.status).toBe('captured');
    expect(await api.call('attachments.captureQueue', { claimId: claim.id })).toEqual([]);
  }, SLOW);

  it('refuses a source without an http(s) URL (sources refuse file: and others already)', async () => {
    const { source } = await sourceWithUrl('');
    await expectError(api.call('attachments.capture', { sourceId: source.id }), 'invalid_request', /web address/);
    expect(db().prepare(`SELECT count(*) AS n FROM attachments WHERE source_id = ?`).get(source.id)).toEqual({ n: 0 });
  }, SLOW);
});
