import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FORMAT_INFO } from '../../../shared/report/options';
import { defaultDataDir, runReportCli } from '../../../main/reports/cli';
import { createPlaywrightPrinter, findChromium } from '../../../main/reports/playwrightPrinter';
import { createProject } from '../../../main/repositories/projects';
import type { PdfPrinter } from '../../../main/services/pdfPrinter';
import {
  createSampleProject,
  hasPoppler,
  normaliseExtracted,
  NOW,
  openTempLibrary,
  pdfText,
  TASS_ARTICLE,
  type TestLibrary,
} from './reportFixture';

const chromium = await findChromium();
const canPrint = chromium !== null && hasPoppler();
if (!canPrint)
  console.warn(
    'The CLI’s PDF test is skipped: no Chromium (set CHROMIUM_PATH) or no poppler-utils to read the PDF back.',
  );

let lib: TestLibrary;
let projectId: string;
let realPrinter: (PdfPrinter & { close(): Promise<void> }) | null = null;
const fakePrinter: PdfPrinter = { print: async () => Buffer.from('%PDF-1.7 fake') };

beforeAll(() => {
  lib = openTempLibrary();
  projectId = createSampleProject(lib.ctx, 'Peskov on North Korean troops', [TASS_ARTICLE]);
  createProject(lib.ctx, { title: 'Twin' });
  createProject(lib.ctx, { title: 'Twin' });
});
afterAll(async () => {
  await realPrinter?.close();
  lib.close();
});

async function run(args: string[], printer: PdfPrinter = fakePrinter) {
  let stdout = '';
  let stderr = '';
  const code = await runReportCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    cwd: lib.dir,
    printer,
    now: NOW,
  });
  return { code, stdout, stderr };
}

describe('npm run report', () => {
  it('writes each format for a project named by title or id', async () => {
    for (const format of ['html', 'md', 'csv', 'jsonld'] as const) {
      const out = `by-title.${format}`;
      const result = await run([
        'Peskov on North Korean troops',
        '--format',
        format,
        '--out',
        out,
        '--data',
        lib.dir,
      ]);
      expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toBe(
        `Wrote ${path.join(lib.dir, out)} (${REPORT_FORMAT_INFO[format].name}, 6 claims).\n`,
      );
      expect(fs.statSync(path.join(lib.dir, out)).size).toBeGreaterThan(100);
    }
    const byId = await run([projectId, '--out', 'by-id.html', '--data', lib.dir]);
    expect(byId.code).toBe(0);
    expect(fs.readFileSync(path.join(lib.dir, 'by-id.html'), 'utf8')).toContain(
      'Peskov on North Korean troops',
    );
    // The title matches without regard to case; the format comes from the extension when not given.
    expect((await run(['peskov on north korean troops', '--out=lower.md', `--data=${lib.dir}`])).code).toBe(
      0,
    );
    expect(
      fs.readFileSync(path.join(lib.dir, 'lower.md'), 'utf8').startsWith('# Peskov on North Korean troops'),
    ).toBe(true);
  });

  it('applies --approved-only, --page-size and --title', async () => {
    const jobs: { html: string; pageSize: string; title: string }[] = [];
    const recording: PdfPrinter = {
      print: async (html, options) => {
        jobs.push({ html, pageSize: options.pageSize, title: options.footerTitle });
        return Buffer.from('%PDF-1.7');
      },
    };
    const result = await run(
      [
        'Peskov on North Korean troops',
        '--format',
        'pdf',
        '--out',
        'approved.pdf',
        '--data',
        lib.dir,
        '--approved-only',
        '--page-size',
        'letter',
        '--title',
        'Approved only',
      ],
      recording,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(PDF, 4 claims)');
    expect(jobs[0]).toMatchObject({ pageSize: 'Letter', title: 'Approved only' });
    expect(jobs[0]!.html).not.toContain('class="watermark"');
  });

  it.skipIf(!canPrint)(
    'prints a real PDF with the same renderer and printer',
    async () => {
      realPrinter = createPlaywrightPrinter();
      const result = await run(
        ['Peskov on North Korean troops', '--format', 'pdf', '--out', 'real.pdf', '--data', lib.dir],
        realPrinter,
      );
      expect(result, result.stderr).toMatchObject({ code: 0 });
      const text = normaliseExtracted(pdfText(path.join(lib.dir, 'real.pdf')));
      expect(text).toContain('Page 1 of');
      for (const spec of TASS_ARTICLE.claims) expect(text).toContain(normaliseExtracted(spec.claimant));
    },
    120_000,
  );

  it('explains bad arguments with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Name the project/],
      [['Peskov'], /--out FILE/],
      [['Peskov', '--out', 'x.docx'], /Give the format with --format/],
      [
        ['Peskov', '--out', 'x.pdf', '--format', 'docx'],
        /Unknown format “docx”. Use one of: pdf, html, md, csv, jsonld/,
      ],
      [['Peskov', '--out', 'x.pdf', '--page-size', 'A3'], /Unknown page size “A3”/],
      [['Peskov', '--out', 'x.pdf', '--colour'], /Unknown option --colour/],
      [['Peskov', 'Other', '--out', 'x.pdf'], /Give one project/],
      [['Peskov', '--out'], /--out needs a value/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('Usage: npm run report');
    }
    const help = await run(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('--approved-only');
  });

  it('fails with a human message (exit 1) for a missing library, an unknown or ambiguous project, and an unwritable place', async () => {
    const noLibrary = await run(['Peskov', '--out', 'x.pdf', '--data', path.join(lib.dir, 'nowhere')]);
    expect(noLibrary.code).toBe(1);
    expect(noLibrary.stderr).toMatch(/No library found at .*nowhere.*library\.sqlite/);
    expect(fs.existsSync(path.join(lib.dir, 'nowhere'))).toBe(false);

    const unknown = await run(['Nonexistent', '--out', 'x.html', '--data', lib.dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /There is no project called “Nonexistent”. The library has:\n[\s\S]*Peskov on North Korean troops/,
    );

    const twins = await run(['Twin', '--out', 'x.html', '--data', lib.dir]);
    expect(twins.code).toBe(1);
    expect(twins.stderr).toMatch(/2 projects are called “Twin”. Give the id/);

    const readOnly = process.getuid?.() === 0 ? '/sys/report.html' : '/report-cannot-be-here.html';
    const unwritable = await run(['Peskov on North Korean troops', '--out', readOnly, '--data', lib.dir]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/cannot be saved in \/.*nothing was written/);
    expect(fs.existsSync(readOnly)).toBe(false);

    const missingFolder = await run([
      'Peskov on North Korean troops',
      '--out',
      'no/such/folder/x.html',
      '--data',
      lib.dir,
    ]);
    expect(missingFolder.code).toBe(1);
    expect(missingFolder.stderr).toMatch(/does not exist/);
  });

  it('finds the app’s own library folder by default', () => {
    expect(defaultDataDir({ FACTCHECK_USER_DATA_DIR: '/data/fc' }, 'linux')).toBe('/data/fc');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/u/.config' }, 'linux')).toBe(
      path.join('/home/u/.config', 'Factcheck Workbench'),
    );
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain(
      'Factcheck Workbench',
    );
  });
});
