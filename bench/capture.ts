/**
 * Page capture (issue 13): the whole capture of a local page — a fresh isolated context, load,
 * MHTML snapshot, PDF, full-page screenshot, text — beside the bare minimum Playwright needs for
 * the same page: one reused context, goto, page.pdf() and a full-page screenshot. Both run in the
 * same Chromium against the same local site (tests/fixtures/captureSite.ts). Figures only.
 */
import fs from 'node:fs';
import { startCaptureSite } from '../tests/fixtures/captureSite';
import { createPlaywrightCapture } from '../main/capture/playwrightCapture';
import { CHROMIUM_ARGS, findChromium, loadPlaywright } from '../main/reports/sharedChromium';
import { formatMs, ratio, timeAsync } from './timing';

const RUNS = 7;

export async function benchCapture(): Promise<void> {
  const executablePath = await findChromium();
  if (!executablePath) {
    console.log('capture: skipped (no Chromium found; set CHROMIUM_PATH)');
    return;
  }
  const site = await startCaptureSite();
  const url = `${site.origin}/normal`;
  const capture = createPlaywrightCapture({ executablePath });
  const { chromium } = await loadPlaywright();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    // Warm both: the first launch and the first page cost more than any later one.
    fs.rmSync((await capture.capture(url)).folder, { recursive: true, force: true });
    const bareContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const barePage = await bareContext.newPage();
    const bare = async () => {
      await barePage.goto(url, { waitUntil: 'load' });
      await barePage.pdf({ format: 'A4', printBackground: true });
      await barePage.screenshot({ fullPage: true, type: 'png' });
    };
    await bare();

    const ours = await timeAsync(async () => {
      const result = await capture.capture(url);
      fs.rmSync(result.folder, { recursive: true, force: true });
    }, RUNS);
    const plain = await timeAsync(bare, RUNS);
    console.log(`capture: whole capture of a local page (isolated context, MHTML + PDF + screenshot + text, files written): ${formatMs(ours)} (median of ${RUNS})`);
    console.log(`capture: bare goto + page.pdf() + full-page screenshot in one reused page: ${formatMs(plain)}`);
    console.log(`capture: ratio ${ratio(ours, plain)} (the difference: a fresh context per capture, the MHTML snapshot, the text, writing the files)`);
    const open = await capture.openPages();
    console.log(`capture: contexts/pages left open after ${RUNS + 1} captures: ${open.contexts}/${open.pages}`);
    await bareContext.close();
  } finally {
    await browser.close();
    await capture.close();
    await site.close();
  }
}
