import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FORMAT_INFO } from '../../../shared/report/options';
import { runReportCli } from '../../../main/reports/cli';
import { createPlaywrightPrinter } from '../../../main/reports/playwrightPrinter';
import { findChromium } from '../../../main/reports/sharedChromium';
import { parseProjectFile } from '../../../main/projectFiles/importProject';
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
      // ClaimReview publishes only the approved claims with a verdict (4 of the 6).
      expect(result.stdout).toBe(
        `Wrote ${path.join(lib.dir, out)} (${REPORT_FORMAT_INFO[format].name}, ${format === 'jsonld' ? 4 : 6} claims).\n`,
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

  it('writes the report in the language --language names, its footer too', async () => {
    const jobs: { html: string; language: string | undefined }[] = [];
    const recording: PdfPrinter = {
      print: async (html, options) => {
        jobs.push({ html, language: options.language });
        return Buffer.from('%PDF-1.7');
      },
    };
    const pdf = await run(
      ['Peskov on North Korean troops', '--out', 'de.pdf', '--data', lib.dir, '--language', 'DE'],
      recording,
    );
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(jobs[0]!.language).toBe('de');
    expect(jobs[0]!.html).toContain('<html lang="de" dir="ltr">');
    expect(jobs[0]!.html).toContain('<h2>Übersicht der Behauptungen</h2>');
    const md = await run(['Peskov on North Korean troops', '--out', 'ar.md', '--data', lib.dir, '--language', 'ar']);
    expect(md.code, md.stderr).toBe(0);
    expect(fs.readFileSync(path.join(lib.dir, 'ar.md'), 'utf8')).toContain('## ملخص الادعاءات');
    const unknown = await run(['Peskov', '--out', 'x.pdf', '--data', lib.dir, '--language', 'nb']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/There is no report in “nb”. Use one of: en, ru, de, fr, es, ar, ko/);
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
});

describe('npm run report -- <project file>', () => {
  const GOLDEN = path.resolve(__dirname, '../../fixtures/project-files/tass-v1.factcheck');
  const TITLE = 'Kremlin on North Korean troops (TASS, 21 Oct 2024)';
  let work: string;
  let temp: string;
  let pdfPrinter: (PdfPrinter & { close(): Promise<void> }) | null = null;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(lib.dir, 'from-file-'));
    temp = path.join(work, 'tmp');
    fs.mkdirSync(temp);
  });
  afterAll(async () => {
    await pdfPrinter?.close();
  });

  async function runOnFile(args: string[], printer: PdfPrinter = fakePrinter) {
    let stdout = '';
    let stderr = '';
    const code = await runReportCli(args, {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env: {},
      cwd: work,
      printer,
      now: NOW,
      tempDir: temp,
    });
    // The temporary library is gone, whatever happened.
    expect(fs.readdirSync(temp)).toEqual([]);
    return { code, stdout, stderr };
  }

  it('writes Markdown and CSV from a .factcheck file, without a library', async () => {
    const md = await runOnFile([GOLDEN, '--out', 'tass.md']);
    expect(md, md.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(md.stdout).toBe(`Wrote ${path.join(work, 'tass.md')} (Markdown, 3 claims).\n`);
    const text = fs.readFileSync(path.join(work, 'tass.md'), 'utf8');
    expect(text.startsWith(`# ${TITLE}\n`)).toBe(true);
    expect(text).toContain(
      '| 1 | Cooperation between Russia and North Korea is not directed against other countries | Dmitry Peskov | Misleading | In review |',
    );
    expect(text).toContain('| 2 | North Korea is our close neighbor | Dmitry Peskov | True | Approved |');
    expect(text).toContain('Kim Yong-hyun');
    expect(text).toContain('Russia and North Korea share a short land border.');
    expect(text).toContain('**South Korea says North Korean troops in Russia**, Reuters');

    // A relative path, the format from --format, and --approved-only, as for a library project.
    fs.copyFileSync(GOLDEN, path.join(work, 'Team copy.FACTCHECK'));
    const csv = await runOnFile([
      'Team copy.FACTCHECK',
      '--format',
      'csv',
      '--out',
      'tass.txt',
      '--approved-only',
    ]);
    expect(csv, csv.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('(CSV, 1 claim)') });
    const rows = fs
      .readFileSync(path.join(work, 'tass.txt'), 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('"North Korea is our close neighbor","Dmitry Peskov"');
    expect(rows[1]).toContain(`"${TITLE}"`);
  });

  it('prints the PDF with the same renderer and printer', async () => {
    const jobs: { html: string; title: string }[] = [];
    const recording: PdfPrinter = {
      print: async (html, options) => {
        jobs.push({ html, title: options.footerTitle });
        return Buffer.from('%PDF-1.7');
      },
    };
    const result = await runOnFile([GOLDEN, '--out', 'tass.pdf', '--page-size', 'Letter'], recording);
    expect(result, result.stderr).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('(PDF, 3 claims)'),
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.title).toBe(TITLE);
    expect(jobs[0]!.html).toContain('Kim Yong-hyun');
  });

  it.skipIf(!canPrint)(
    'a real PDF from the golden file reads back with its claims',
    async () => {
      pdfPrinter = createPlaywrightPrinter();
      const result = await runOnFile([GOLDEN, '--out', 'real-from-file.pdf'], pdfPrinter);
      expect(result, result.stderr).toMatchObject({ code: 0 });
      const text = normaliseExtracted(pdfText(path.join(work, 'real-from-file.pdf')));
      expect(text).toContain(TITLE);
      expect(text).toContain('North Korea is our close neighbor');
      expect(text).toContain('Dmitry Peskov');
      expect(text).toContain('Kim Yong-hyun');
      expect(text).toContain('Page 1 of');
    },
    120_000,
  );

  it('refuses a malformed file with the import’s own message (exit 1), leaving no temporary library', async () => {
    const bad = path.join(work, 'bad.factcheck');
    fs.writeFileSync(bad, 'this is not a zip');
    let importMessage = '';
    try {
      parseProjectFile(fs.readFileSync(bad), 'bad.factcheck');
    } catch (error) {
      importMessage = (error as Error).message;
    }
    expect(importMessage).toContain('Can’t import “bad.factcheck”: it is not a Factcheck project file');
    const result = await runOnFile([bad, '--out', 'bad.md']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `${importMessage}\n` });
    expect(fs.existsSync(path.join(work, 'bad.md'))).toBe(false);

    // A file changed after it was exported (a claim moved): refused by the same checks.
    const { unzipSync, zipSync, strToU8, strFromU8 } = await import('fflate');
    const entries = unzipSync(fs.readFileSync(GOLDEN));
    const project = JSON.parse(strFromU8(entries['project.json']!)) as {
      claims: { anchor: { start: number } }[];
    };
    project.claims[0]!.anchor.start = 1;
    const tampered = path.join(work, 'tampered.factcheck');
    fs.writeFileSync(tampered, zipSync({ ...entries, 'project.json': strToU8(JSON.stringify(project)) }));
    const changed = await runOnFile([tampered, '--out', 'tampered.md']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(
      /^Can’t import “tampered\.factcheck”: project\.json does not match the checksum in the manifest.* Nothing was changed in your library\.\n$/,
    );

    const missing = await runOnFile(['missing.factcheck', '--out', 'x.md']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('“missing.factcheck” was not found');
  });

  it('removes the temporary library when the report fails after the import', async () => {
    const failing: PdfPrinter = { print: async () => Promise.reject(new Error('Chromium crashed')) };
    const result = await runOnFile([GOLDEN, '--out', 'crash.pdf'], failing);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Chromium crashed');
    const missingFolder = await runOnFile([GOLDEN, '--out', 'no/such/folder/x.md']);
    expect(missingFolder.code).toBe(1);
    expect(missingFolder.stderr).toMatch(/does not exist/);
  });

  it('refuses --data with a file (exit 2): the report uses no library', async () => {
    const result = await runOnFile([GOLDEN, '--out', 'x.md', '--data', lib.dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--data names a library, and a report from a \.factcheck file uses none/);
    expect(result.stderr).toContain('npm run report -- <project file.factcheck>');
  });
});

describe('npm run report: arguments (node:util parseArgs)', () => {
  it('refuses what parseArgs refuses, in a sentence, with exit code 2 and the usage', async () => {
    const cases: [string[], RegExp][] = [
      [['Peskov', '--out', 'x.pdf', '--approved-only=yes'], /^--approved-only does not take a value\./],
      [['Peskov', '--out', 'a.pdf', '--out', 'b.pdf'], /^--out is given twice\./],
      [['Peskov', '--out', '--format', 'pdf'], /^--out needs a value/],
      [['Peskov', '-x', '--out', 'a.pdf'], /^Unknown option -x\./],
      [['Peskov', '--out', 'a.pdf', '--help=yes'], /^--help does not take a value\./],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('Usage: npm run report');
      expect(result.stdout).toBe('');
    }
    expect(await run(['-h'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: npm run report'),
    });
    // A title that starts with a dash goes after `--`; --out=VALUE takes a value that does.
    const dashed = await run(['--out=-x.md', '--data', lib.dir, '--', '-not-an-option']);
    expect(dashed.code).toBe(1);
    expect(dashed.stderr).toContain('There is no project called “-not-an-option”');
  });
});
