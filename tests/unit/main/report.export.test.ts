import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../../shared/api/client';
import { ClaimReviewList, type ClaimReview } from '../../../shared/report/claimReview';
import { openLibraryApi, type Library } from '../../../main/library';
import { exportReportToFile, renderReport } from '../../../main/reports/exportReport';
import { loadProjectData } from '../../../main/api/projectQueries';
import { updateClaim } from '../../../main/repositories/claims';
import { createRepoContext } from '../../../main/repositories/context';
import { addTeamNote } from '../../../main/repositories/editorial';
import type { FileDialogs } from '../../../main/services/dialogs';
import type { PdfOptions, PdfPrinter } from '../../../main/services/pdfPrinter';
import { assertInert, EVIL } from '../shared/reportSample';
import {
  createSampleProject,
  NOW,
  openTempLibrary,
  SAMPLE_SETTINGS,
  TASS_ARTICLE,
  type TestLibrary,
} from './reportFixture';

/** A printer that records what it was asked to print (the PDF itself is tested in report.pdf.test.ts). */
function recordingPrinter() {
  const jobs: { html: string; options: PdfOptions }[] = [];
  const printer: PdfPrinter = {
    print: async (html, options) => {
      jobs.push({ html, options });
      return Buffer.from('%PDF-1.7 fake');
    },
  };
  return { printer, jobs };
}

const leftovers = (dir: string) => fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'));

let lib: TestLibrary;
let projectId: string;
beforeEach(() => {
  lib = openTempLibrary();
  projectId = createSampleProject(
    lib.ctx,
    'Peskov on North Korean troops',
    [TASS_ARTICLE],
    'What the Kremlin said on 21 October 2024.',
  );
});
afterEach(() => lib.close());

describe('exportReportToFile', () => {
  it('writes every format from the project in the SQLite library', async () => {
    const { printer, jobs } = recordingPrinter();
    const out = path.join(lib.dir, 'out');
    fs.mkdirSync(out);
    for (const format of ['html', 'md', 'csv', 'jsonld', 'pdf'] as const) {
      const written = await exportReportToFile({
        ctx: lib.ctx,
        printer,
        projectId,
        format,
        filePath: path.join(out, `report.${format}`),
        now: NOW,
      });
      // ClaimReview publishes only the approved claims with a verdict.
      expect(written.claimCount).toBe(format === 'jsonld' ? 4 : 6);
      expect(fs.statSync(written.path).size).toBeGreaterThan(10);
    }
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    assertInert(html);
    for (const spec of TASS_ARTICLE.claims) {
      expect(html).toContain(spec.claimant);
      for (const source of spec.sources) expect(html).toContain(source.title!);
    }
    // The PDF is the same HTML, printed with the report title in the footer.
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.html).toBe(html);
    expect(jobs[0]!.options).toEqual({ pageSize: 'A4', footerTitle: 'Peskov on North Korean troops', language: 'en' });

    const reviews = JSON.parse(fs.readFileSync(path.join(out, 'report.jsonld'), 'utf8')) as ClaimReview[];
    expect(ClaimReviewList.parse(reviews).map((review) => review.url)).toEqual(
      [1, 3, 4, 6].map((n) => `https://factdesk.example/reports/peskov-dprk#claim-${n}`),
    );
    expect(fs.readFileSync(path.join(out, 'report.csv')).subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('### Claim 6: press allegations');
    expect(leftovers(out)).toEqual([]);
  });

  it('prints who approved each claim, the correction notes, and never team notes or assignees', async () => {
    const data = loadProjectData(lib.ctx, projectId);
    const NOTE = 'Private-note-c41d: the source asked not to be named';
    const ASSIGNEE = 'Assigned-person-9b27';
    const NOTE_AUTHOR = 'Notewriter-77ab';
    const teammate = createRepoContext(lib.db, { author: () => NOTE_AUTHOR });
    for (const claim of data.claims) {
      addTeamNote(teammate, claim.id, NOTE);
      updateClaim(lib.ctx, claim.id, { assignee: ASSIGNEE });
    }
    const after = loadProjectData(lib.ctx, projectId);
    expect(after.teamNotes).toHaveLength(6);
    // Stable numbers from the library: marked in the order of the specs.
    expect(after.claims.map((claim) => claim.number).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const { printer, jobs } = recordingPrinter();
    const outputs: Record<string, string> = {};
    for (const format of ['html', 'md', 'csv', 'jsonld', 'pdf'] as const)
      outputs[format] = (await renderReport(after, SAMPLE_SETTINGS, {}, format, printer, NOW)).bytes.toString(
        'utf8',
      );
    outputs['pdf'] = jobs[0]!.html;
    for (const [format, text] of Object.entries(outputs)) {
      expect(text.includes('Private-note-c41d'), `team note in ${format}`).toBe(false);
      expect(text.includes(NOTE_AUTHOR), `note author in ${format}`).toBe(false);
      expect(text.includes(ASSIGNEE), `assignee in ${format}`).toBe(false);
    }
    for (const format of ['html', 'pdf'] as const) {
      expect(outputs[format]).toContain('Reviewed by <b dir="auto">Kari Lie</b> on');
      expect(outputs[format]).toContain(
        '<div class="reviewers" dir="auto">Reviewers: Kari Lie and Ola Nordmann</div>',
      );
      expect(outputs[format]).toContain('<h2>Corrections and updates</h2>');
      expect(outputs[format]).toContain('It was 23 October.');
    }
    expect(outputs['md']).toMatch(/- Reviewed by Ola Nordmann on \d{1,2} \w+ \d{4}\n/);
    expect(outputs['md']).toMatch(/\*\*Correction — \d{1,2} \w+ \d{4}:\*\* An earlier version/);
  });

  it('passes the page size and the title override to the printer', async () => {
    const { printer, jobs } = recordingPrinter();
    const data = loadProjectData(lib.ctx, projectId);
    await renderReport(
      data,
      SAMPLE_SETTINGS,
      { pageSize: 'Letter', title: 'Weekly check' },
      'pdf',
      printer,
      NOW,
    );
    expect(jobs[0]!.options).toEqual({ pageSize: 'Letter', footerTitle: 'Weekly check', language: 'en' });
    expect(jobs[0]!.html).toContain('@page { size: letter;');
  });

  it('keeps hostile text from the library as text in every format', async () => {
    const data = loadProjectData(lib.ctx, projectId);
    for (const claim of data.claims)
      updateClaim(lib.ctx, claim.id, { statement: EVIL, claimant: EVIL, rationale: EVIL });
    const { printer } = recordingPrinter();
    const html = (
      await renderReport(loadProjectData(lib.ctx, projectId), SAMPLE_SETTINGS, {}, 'html', printer, NOW)
    ).bytes.toString('utf8');
    assertInert(html);
    const jsonld = (
      await renderReport(loadProjectData(lib.ctx, projectId), SAMPLE_SETTINGS, {}, 'jsonld', printer, NOW)
    ).bytes.toString('utf8');
    expect(jsonld).not.toMatch(/<\/script/i);
  });
});

describe('report channels', () => {
  let library: Library;
  let api: ApiClient;
  let dataDir: string;
  let nextSave: string | null;
  const saveRequests: { title: string; defaultName: string }[] = [];
  const dialogs: FileDialogs = {
    chooseSavePath: async (options) => {
      saveRequests.push(options);
      return nextSave;
    },
    chooseOpenPath: async () => null,
  };
  const { printer, jobs } = recordingPrinter();

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-channels-'));
    library = openLibraryApi({
      dataDir,
      appVersion: 'test',
      dialogs,
      printer,
      validateResponses: true,
      log: () => undefined,
    });
    api = createApiClient({
      invoke: (channel, request) => library.registry.dispatch(channel, request),
      subscribe: () => () => undefined,
    });
    saveRequests.length = 0;
    jobs.length = 0;
  });
  afterEach(() => {
    library.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports.preview answers the report HTML for the options', async () => {
    const id = createSampleProject(library.ctx!, 'Peskov on North Korean troops', [TASS_ARTICLE]);
    const { html } = await api.call('reports.preview', {
      projectId: id,
      options: { claims: { kind: 'approved' } },
    });
    assertInert(html);
    expect(html.match(/<article class="claim /g)).toHaveLength(4);
    expect(
      (await api.call('reports.preview', { projectId: id })).html.match(/<article class="claim /g),
    ).toHaveLength(6);
  });

  it('reports.export asks where to save, with "<project title> report.<ext>", writes there and answers the path', async () => {
    const id = createSampleProject(library.ctx!, 'Peskov on North Korean troops', [TASS_ARTICLE]);
    nextSave = path.join(dataDir, 'chosen');
    const result = await api.call('reports.export', {
      projectId: id,
      format: 'csv',
      options: { claims: { kind: 'approved' } },
    });
    expect(saveRequests[0]).toMatchObject({
      title: 'Export report',
      defaultName: 'Peskov on North Korean troops report.csv',
    });
    expect(result).toMatchObject({ path: path.join(dataDir, 'chosen.csv') });
    // The four approved claims, one record each (a record starts with its number).
    expect(fs.readFileSync(result!.path, 'utf8').match(/\r\n"\d+",/g)).toHaveLength(4);

    nextSave = path.join(dataDir, 'report.pdf');
    expect(
      await api.call('reports.export', { projectId: id, format: 'pdf', options: { pageSize: 'Letter' } }),
    ).toMatchObject({ path: nextSave });
    expect(jobs[0]!.options.pageSize).toBe('Letter');
  });

  it('reports.export answers null, and writes nothing, when the person cancels', async () => {
    const id = createSampleProject(library.ctx!, 'Peskov', [TASS_ARTICLE]);
    nextSave = null;
    expect(await api.call('reports.export', { projectId: id, format: 'html' })).toBeNull();
    expect(fs.readdirSync(dataDir).filter((name) => !/^library\.(sqlite|lock)/.test(name))).toEqual([]);
  });

  it('refuses a bad request, an unknown project and an unwritable place with a readable error', async () => {
    const id = createSampleProject(library.ctx!, 'Peskov', [TASS_ARTICLE]);
    expect(
      await library.registry.dispatch('reports.export', { projectId: id, format: 'docx' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'format' } });
    expect(
      await library.registry.dispatch('reports.preview', { projectId: id, options: { pageSize: 'A3' } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(
      await library.registry.dispatch('reports.preview', {
        projectId: '3f1c1c36-5b0e-4c47-9d1b-2f9f0d5e8a11',
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(saveRequests).toHaveLength(0);
    nextSave = path.join(dataDir, 'missing-folder', 'report.html');
    const result = await library.registry.dispatch('reports.export', { projectId: id, format: 'html' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringMatching(/does not exist/) },
    });
  });
});
