import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProjectFile } from '../../../main/projectFiles/exportProject';
import { ProjectPayload } from '../../../main/projectFiles/format';
import { applyImport, parseProjectFile } from '../../../main/projectFiles/importProject';
import { readProjectPayload } from '../../../main/projectFiles/projectStore';
import { sha256Hex } from '../../../main/projectFiles/unpack';
import { checkIntegrity } from '../../../main/projectFiles/validate';
import {
  dumpLibrary,
  makeTempDir,
  openTestLibrary,
  type TestLibrary,
} from '../../fixtures/project-files/helpers';

/**
 * The golden files of every released format version. They were generated once
 * (tests/fixtures/project-files/generate.ts) and must import forever: never regenerate one to make
 * a test pass. A new format version adds a file here; the old ones stay.
 */
const GOLDEN = {
  v1: {
    file: path.resolve(__dirname, '../../fixtures/project-files/tass-v1.factcheck'),
    sha256: '357f29c081cca5689719494a3f9cc612084c330e4b7609cb6ea04933a91d0f35',
  },
};

const libraries: TestLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) {
    library.close();
    fs.rmSync(library.dir, { recursive: true, force: true });
  }
});
const fresh = () => {
  const library = openTestLibrary(makeTempDir(), { author: 'Golden test' });
  libraries.push(library);
  return library;
};

describe('golden file, format v1 (TASS)', () => {
  const bytes = fs.readFileSync(GOLDEN.v1.file);

  it('is the committed file, byte for byte', () => {
    expect(sha256Hex(bytes)).toBe(GOLDEN.v1.sha256);
  });

  it('imports into an empty library with everything in it', () => {
    const contents = parseProjectFile(bytes, 'tass-v1.factcheck');
    expect(contents.formatVersion).toBe(1);
    expect(contents.manifest).toMatchObject({
      format: 'factcheck-project',
      appVersion: '0.1.0',
      exportedBy: 'Alice Checker',
      exportedAt: '2024-10-22T08:30:00.000Z',
    });
    const library = fresh();
    const summary = applyImport(library.ctx, contents);
    expect(summary).toMatchObject({
      mode: 'new',
      title: 'Kremlin on North Korean troops (TASS, 21 Oct 2024)',
      added: { verdicts: 7, articles: 1, claims: 3, sources: 3 },
      changesImported: 25,
    });

    const project = readProjectPayload(library.ctx, summary.projectId)!;
    ProjectPayload.parse(project);
    checkIntegrity(project, 'golden');
    const [article] = project.articles;
    expect(article).toMatchObject({
      outlet: 'TASS',
      url: 'https://tass.com/politics/1860000',
      language: 'en',
      direction: 'ltr',
    });
    expect(article!.text.startsWith('date 2024-10-21 MOSCOW, October 21.')).toBe(true);
    const labels = new Map(project.verdicts.map((verdict) => [verdict.id, verdict.label]));
    const byQuote = new Map(project.claims.map((claim) => [claim.anchor.exact, claim]));
    const peskov = byQuote.get(
      'Cooperation between Russia and North Korea is not directed against other countries',
    )!;
    expect(peskov).toMatchObject({
      claimant: 'Dmitry Peskov',
      status: 'in_review',
      tags: ['DPRK', 'Russia'],
      anchorState: 'anchored',
    });
    expect(labels.get(peskov.verdictId!)).toBe('Misleading');
    expect(
      project.sources.filter((source) => source.claimId === peskov.id).map((source) => source.publisher),
    ).toEqual(['Reuters', 'US DoD']);
    expect(labels.get(byQuote.get('North Korea is our close neighbor')!.verdictId!)).toBe('True');
    // The deleted claim lives on in the history.
    const deleted = project.changes.filter((change) => change.op === 'delete');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.fields.statement).toEqual({ before: 'nothing but another bogus' });
    expect(new Set(project.changes.map((change) => change.author))).toEqual(new Set(['Alice Checker']));

    // And exported again, it says exactly what the golden file says.
    const again = buildProjectFile(library.ctx, summary.projectId, { appVersion: 'test' });
    expect(parseProjectFile(again.bytes, 'again.factcheck').payload).toEqual(contents.payload);
  });

  it('merges into a library that already has it without changing anything', () => {
    const library = fresh();
    applyImport(library.ctx, parseProjectFile(bytes, 'tass-v1.factcheck'));
    const before = dumpLibrary(library.db);
    expect(applyImport(library.ctx, parseProjectFile(bytes, 'tass-v1.factcheck'))).toMatchObject({
      mode: 'merge',
      unchanged: true,
    });
    expect(dumpLibrary(library.db)).toEqual(before);
  });
});
