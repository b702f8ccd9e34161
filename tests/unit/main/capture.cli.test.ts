import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptureCli } from '../../../main/capture/cli';
import { findChromium } from '../../../main/reports/sharedChromium';
import { startCaptureSite, type CaptureSite } from '../../fixtures/captureSite';
import { tempDir } from '../../support/library';

const chromium = await findChromium();
const skipReason = chromium ? '' : 'no Chromium found (set CHROMIUM_PATH)';
if (skipReason) console.warn(`Skipping the capture CLI tests: ${skipReason}.`);

const SLOW = 60_000;

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCaptureCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd });
  return { code, stdout, stderr };
}

describe('npm run capture: arguments', () => {
  it('refuses missing arguments with the usage and exit code 2', async () => {
    const cwd = tempDir('factcheck-capture-cli-');
    expect((await run([], cwd)).code).toBe(2);
    const noOut = await run(['http://127.0.0.1/'], cwd);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out DIR');
    expect((await run(['http://127.0.0.1/', '--out', 'x', '--timeout', 'soon'], cwd)).code).toBe(2);
  });
});

describe.skipIf(skipReason !== '')('npm run capture', () => {
  let site: CaptureSite;
  beforeAll(async () => {
    site = await startCaptureSite();
  });
  afterAll(async () => {
    await site.close();
  });

  it('writes the capture and prints each file as sha256sum does; exit 0 when the page loaded', async () => {
    const cwd = tempDir('factcheck-capture-cli-');
    const { code, stdout, stderr } = await run([`${site.origin}/normal`, '--out', 'evidence'], cwd);
    expect(stderr).toContain('HTTP 200');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.map((line) => line.split('  ')[1])).toEqual([
      path.join('evidence', 'page.mhtml'),
      path.join('evidence', 'page.pdf'),
      path.join('evidence', 'screenshot.png'),
      path.join('evidence', 'page.txt'),
    ]);
    for (const line of lines) {
      const [sha, file] = line.split('  ') as [string, string];
      expect(createHash('sha256').update(fs.readFileSync(path.join(cwd, file))).digest('hex')).toBe(sha);
    }
  }, SLOW);

  it('a 404 is written but exits 1; a page past the limit exits 1 with the message', async () => {
    const cwd = tempDir('factcheck-capture-cli-');
    const missing = await run([`${site.origin}/missing`, '--out', 'gone'], cwd);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('HTTP 404');
    expect(fs.readdirSync(path.join(cwd, 'gone')).sort()).toEqual(['page.mhtml', 'page.pdf', 'page.txt', 'screenshot.png']);
    const slow = await run([`${site.origin}/slow`, '--out', 'slow', '--timeout', '1'], cwd);
    expect(slow.code).toBe(1);
    expect(slow.stderr).toContain('The page did not finish loading within 1 second');
    expect(fs.existsSync(path.join(cwd, 'slow'))).toBe(false);
  }, SLOW);
});
