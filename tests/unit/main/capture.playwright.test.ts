import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaywrightCapture } from '../../../main/capture/playwrightCapture';
import { findChromium } from '../../../main/reports/sharedChromium';
import { CAPTURE_OFFLINE, TOO_MANY_REDIRECTS, type PageCaptureResult } from '../../../main/services/pageCapture';
import { startCaptureSite, type CaptureSite } from '../../fixtures/captureSite';

const chromium = await findChromium();
// Captures need a Chromium; without one (no /usr/bin/chromium, CHROMIUM_PATH or Playwright's own)
// they are skipped with this reason rather than failing for something the code did not do.
const skipReason = chromium ? '' : 'no Chromium found (set CHROMIUM_PATH)';
if (skipReason) console.warn(`Skipping the page-capture tests: ${skipReason}.`);

const SLOW = 60_000;

describe.skipIf(skipReason !== '')('page capture in Playwright’s Chromium', () => {
  const capture = createPlaywrightCapture();
  let site: CaptureSite;
  const done: PageCaptureResult[] = [];

  const run = async (path: string, timeoutMs?: number) => {
    const result = await capture.capture(`${site.origin}${path}`, timeoutMs ? { timeoutMs } : {});
    done.push(result);
    return result;
  };
  const kinds = (result: PageCaptureResult) => result.files.map((file) => file.kind);
  const noPageLeft = async () => expect(await capture.openPages()).toEqual({ contexts: 0, pages: 0 });

  beforeAll(async () => {
    site = await startCaptureSite();
  });
  afterAll(async () => {
    await capture.close();
    await site.close();
    for (const result of done) fs.rmSync(result.folder, { recursive: true, force: true });
  });

  it('captures a normal page as MHTML, PDF, screenshot and text', async () => {
    const result = await run('/normal');
    expect(result.httpStatus).toBe(200);
    expect(result.finalUrl).toBe(`${site.origin}/normal`);
    expect(Date.parse(result.capturedAt)).not.toBeNaN();
    expect(kinds(result)).toEqual(['capture-mhtml', 'capture-pdf', 'capture-screenshot', 'capture-text']);
    const bytes = (kind: string) => fs.readFileSync(result.files.find((file) => file.kind === kind)!.path);
    expect(bytes('capture-mhtml').toString('utf8')).toContain('Unemployment fell by 3%');
    expect(bytes('capture-pdf').subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes('capture-screenshot').subarray(1, 4).toString()).toBe('PNG');
    expect(result.text).toContain('Unemployment fell by 3% in 2025.');
    await noPageLeft();
  }, SLOW);

  it('follows a redirect and keeps the final URL', async () => {
    const result = await run('/redirect');
    expect(result.finalUrl).toBe(`${site.origin}/normal`);
    expect(result.httpStatus).toBe(200);
    await noPageLeft();
  }, SLOW);

  it('stops a redirect loop after 10 redirects', async () => {
    await expect(run('/loop')).rejects.toThrow(TOO_MANY_REDIRECTS);
    // Stopped by us, not by Chromium's own limit of 20: a loaded machine may let a few more
    // redirects through while the page closes, never 20.
    expect(site.hits.get('/loop')).toBeLessThan(20);
    await noPageLeft();
  }, SLOW);

  it('captures a 404 with its status: evidence of a deleted page', async () => {
    const result = await run('/missing');
    expect(result.httpStatus).toBe(404);
    expect(result.text).toContain('This post was deleted.');
    expect(kinds(result)).toContain('capture-pdf');
    await noPageLeft();
  }, SLOW);

  it('gives up on a page that does not load within the limit', async () => {
    const started = Date.now();
    await expect(run('/slow', 1_500)).rejects.toThrow('The page did not finish loading within 2 seconds');
    expect(Date.now() - started).toBeLessThan(10_000);
    await noPageLeft();
  }, SLOW);

  it('says the page could not be reached when nothing answers (offline)', async () => {
    const closed = await startCaptureSite();
    const url = `${closed.origin}/normal`;
    await closed.close();
    await expect(capture.capture(url)).rejects.toThrow(CAPTURE_OFFLINE);
    await noPageLeft();
  }, SLOW);

  it('refuses anything but http(s)', async () => {
    await expect(capture.capture('file:///etc/passwd')).rejects.toThrow('Only web pages');
    await expect(capture.capture('data:text/html,<p>x</p>')).rejects.toThrow('Only web pages');
    await noPageLeft();
  });

  it.each([
    ['/popup', 'pop-ups'],
    ['/download', 'download'],
    ['/camera', 'camera'],
    ['/to-file', 'file'],
    ['/to-data', 'data'],
    ['/to-other', 'other origin'],
    ['/hostile', 'hostile'],
  ])('a page that tries a trick (%s) is captured where it is, and the trick goes nowhere', async (path, label) => {
    const before = site.hits.get('/normal') ?? 0;
    const result = await run(path);
    expect(result.finalUrl).toBe(`${site.origin}${path}`);
    expect(result.httpStatus).toBe(200);
    expect(result.text).toContain(`Stay here: ${label}.`);
    expect(result.text).not.toContain('camera granted');
    expect(result.text).not.toContain('root:');
    expect(kinds(result)).toEqual(['capture-mhtml', 'capture-pdf', 'capture-screenshot', 'capture-text']);
    // Nothing of the other origin was loaded as the top page (pop-ups are closed; they may ask).
    if (path === '/to-other') expect(site.hits.get('/normal') ?? 0).toBe(before);
    // No file was written anywhere: the capture folder holds only the capture.
    expect(fs.readdirSync(result.folder).sort()).toEqual(['page.mhtml', 'page.pdf', 'page.txt', 'screenshot.png']);
    await noPageLeft();
  }, SLOW);

  it('answers the camera with a refusal', async () => {
    const result = await run('/camera');
    expect(result.text).toMatch(/camera refused: (NotAllowedError|NotFoundError|NotReadableError)/);
  }, SLOW);
});
