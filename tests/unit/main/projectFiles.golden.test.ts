import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProjectFile } from '../../../main/projectFiles/exportProject';
import { ProjectPayload } from '../../../main/projectFiles/format';
import { applyImport, parseProjectFile } from '../../../main/projectFiles/importProject';
import { readProjectPayload } from '../../../main/projectFiles/projectStore';
import { sha256Hex } from '../../../main/projectFiles/unpack';
import { checkIntegrity } from '../../../main/projectFiles/validate';
import { currentSeal } from '../../../main/repositories/approvals';
import { listClaimLinks } from '../../../main/repositories/claimLinks';
import { getClaim } from '../../../main/repositories/claims';
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
  v2: {
    file: path.resolve(__dirname, '../../fixtures/project-files/tass-v2.factcheck'),
    sha256: '0927f80e69ac3f93a752c5619f478c0b273ee6ac8ce89d3f8366bbb927a20713',
  },
  v3: {
    file: path.resolve(__dirname, '../../fixtures/project-files/tass-v3.factcheck'),
    sha256: '732c97db9f71c357e2a7e99f0eb18b153dda39c883b976947dd5f6b20553bee0',
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

  it('is upgraded to format 2: claims numbered by creation time, approvals sealed as they stand', () => {
    const contents = parseProjectFile(bytes, 'tass-v1.factcheck');
    const { project, claims } = contents.payload;
    const byCreation = [...claims].sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
    );
    expect(byCreation.map((claim) => claim.number)).toEqual([1, 2, 3]);
    expect(project).toMatchObject({ nextClaimNumber: 4, secondPairOfEyes: false });
    expect(contents.payload).toMatchObject({ teamNotes: [], corrections: [], publications: [] });
    for (const claim of claims)
      expect(claim).toMatchObject({ claimantType: '', assignee: '', quoteChangedFrom: '' });
    const approved = claims.find((claim) => claim.status === 'approved')!;
    expect(approved.anchor.exact).toBe('North Korea is our close neighbor');
    expect(approved.approval).toMatchObject({ by: '', at: approved.updatedAt });
    expect(approved.approval.seal).toMatch(/^[0-9a-f]{64}$/);
    for (const claim of claims.filter((other) => other.status !== 'approved'))
      expect(claim.approval).toEqual({ by: '', at: '', seal: '' });

    // The seal is the one the library computes: the approval holds after the import.
    const library = fresh();
    const summary = applyImport(library.ctx, contents);
    expect(summary.approvalsWithdrawn).toBe(0);
    const stored = getClaim(library.ctx, approved.id);
    expect(stored.status).toBe('approved');
    expect(currentSeal(library.ctx, stored)).toBe(approved.approval.seal);
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

describe('golden file, format v2 (TASS, editorial integrity)', () => {
  const bytes = fs.readFileSync(GOLDEN.v2.file);

  it('is the committed file, byte for byte', () => {
    expect(sha256Hex(bytes)).toBe(GOLDEN.v2.sha256);
  });

  it('imports into an empty library with everything in it', () => {
    const contents = parseProjectFile(bytes, 'tass-v2.factcheck');
    expect(contents.formatVersion).toBe(2);
    expect(contents.manifest).toMatchObject({
      format: 'factcheck-project',
      formatVersion: 2,
      appVersion: '0.2.0',
      exportedBy: 'Alice Checker',
    });
    const library = fresh();
    const summary = applyImport(library.ctx, contents);
    expect(summary).toMatchObject({
      mode: 'new',
      added: { verdicts: 7, articles: 1, claims: 3, sources: 2 },
      editorialAdded: { teamNotes: 1, corrections: 1, publications: 1 },
      approvalsWithdrawn: 0,
    });
    const project = readProjectPayload(library.ctx, summary.projectId)!;
    ProjectPayload.parse(project);
    checkIntegrity(project, 'golden');
    // Numbers 1–3; 4 was given to a claim deleted since and stays retired.
    expect(project.project).toMatchObject({ nextClaimNumber: 5, secondPairOfEyes: true });
    const byNumber = new Map(project.claims.map((claim) => [claim.number, claim]));
    expect([...byNumber.keys()].sort()).toEqual([1, 2, 3]);
    expect(byNumber.get(1)).toMatchObject({
      claimant: 'Dmitry Peskov',
      claimantType: 'Person',
      assignee: 'Bob Researcher',
      status: 'researching',
    });
    expect(byNumber.get(3)).toMatchObject({ claimantType: 'Organization' });
    // Claim 2: approved by a reviewer, after a publication and an update note.
    const approved = byNumber.get(2)!;
    expect(approved).toMatchObject({ status: 'approved', approval: { by: 'Rita Reviewer' } });
    expect(currentSeal(library.ctx, getClaim(library.ctx, approved.id))).toBe(approved.approval.seal);
    expect(project.teamNotes).toEqual([
      expect.objectContaining({
        claimId: byNumber.get(1)!.id,
        author: 'Bob Researcher',
        text: 'Asked Yonhap for the full interview; waiting for an answer.',
      }),
    ]);
    expect(project.corrections).toEqual([
      expect.objectContaining({
        claimId: approved.id,
        kind: 'update',
        author: 'Alice Checker',
        text: 'Added the length of the border.',
      }),
    ]);
    expect(project.publications).toEqual([
      expect.objectContaining({
        publishedBy: 'Rita Reviewer',
        formats: ['html'],
        claims: [expect.objectContaining({ claimId: approved.id, number: 2, verdict: 'True' })],
      }),
    ]);
    // Published under another seal: the claim changed since, hence the update note.
    expect(project.publications[0]!.claims[0]!.seal).not.toBe(approved.approval.seal);
    const history = project.changes.filter((change) => change.entityId === approved.id);
    expect(history.some((change) => 'approvalWithdrawn' in change.fields)).toBe(true);
    expect(new Set(project.changes.map((change) => change.author))).toEqual(
      new Set(['Alice Checker', 'Rita Reviewer']),
    );

    const again = buildProjectFile(library.ctx, summary.projectId, { appVersion: 'test' });
    expect(parseProjectFile(again.bytes, 'again.factcheck').payload).toEqual(contents.payload);
  });

  it('is upgraded to format 4 with no claim links and no evidence, every approval still holding', () => {
    const contents = parseProjectFile(bytes, 'tass-v2.factcheck');
    expect(contents.payload.claimLinks).toEqual([]);
    expect(Object.keys(contents.payload)).toEqual([
      'project',
      'verdicts',
      'articles',
      'claims',
      'sources',
      'teamNotes',
      'corrections',
      'publications',
      'claimLinks',
      'attachments',
      'changes',
    ]);
    const library = fresh();
    expect(applyImport(library.ctx, contents).approvalsWithdrawn).toBe(0);
    expect(library.db.prepare(`SELECT COUNT(*) AS n FROM claim_links`).get()).toEqual({ n: 0 });
  });

  it('merges into a library that already has it without changing anything, and imports as a copy with its approvals', () => {
    const library = fresh();
    applyImport(library.ctx, parseProjectFile(bytes, 'tass-v2.factcheck'));
    const before = dumpLibrary(library.db);
    expect(applyImport(library.ctx, parseProjectFile(bytes, 'tass-v2.factcheck'))).toMatchObject({
      mode: 'merge',
      unchanged: true,
    });
    expect(dumpLibrary(library.db)).toEqual(before);
    // A copy has new ids (the seal covers the verdict's id): its approval is sealed again, and holds.
    const copy = applyImport(library.ctx, parseProjectFile(bytes, 'tass-v2.factcheck'), { asCopy: true });
    expect(copy).toMatchObject({ mode: 'copy', approvalsWithdrawn: 0 });
    const copied = readProjectPayload(library.ctx, copy.projectId)!;
    checkIntegrity(copied, 'copy');
    const approved = copied.claims.find((claim) => claim.status === 'approved')!;
    expect(approved.approval.by).toBe('Rita Reviewer');
    expect(currentSeal(library.ctx, getClaim(library.ctx, approved.id))).toBe(approved.approval.seal);
    expect(copied.teamNotes).toHaveLength(1);
    expect(copied.publications[0]!.claims[0]!.claimId).toBe(approved.id);
  });
});

describe('golden file, format v3 (TASS, claim links)', () => {
  const bytes = fs.readFileSync(GOLDEN.v3.file);

  it('is the committed file, byte for byte', () => {
    expect(sha256Hex(bytes)).toBe(GOLDEN.v3.sha256);
  });

  it('imports with its links, and the approvals sealed over them still hold', () => {
    const contents = parseProjectFile(bytes, 'tass-v3.factcheck');
    expect(contents.formatVersion).toBe(3);
    expect(contents.manifest).toMatchObject({ formatVersion: 3, appVersion: '0.3.0', exportedBy: 'Alice Checker' });
    const library = fresh();
    const summary = applyImport(library.ctx, contents);
    expect(summary).toMatchObject({
      mode: 'new',
      added: { verdicts: 7, articles: 1, claims: 3, sources: 1 },
      approvalsWithdrawn: 0,
    });
    const project = readProjectPayload(library.ctx, summary.projectId)!;
    ProjectPayload.parse(project);
    checkIntegrity(project, 'golden');
    const byNumber = new Map(project.claims.map((claim) => [claim.number, claim]));

    // Claim 2: two links (a third was made and removed), neither target in the file or the library.
    const neighbour = byNumber.get(2)!;
    expect(neighbour).toMatchObject({ status: 'approved', approval: { by: 'Rita Reviewer' } });
    const links = listClaimLinks(library.ctx, neighbour.id).links;
    expect(links.map((link) => [link.targetKind, link.publisher, link.date, link.rating, link.url])).toEqual([
      ['claim', 'Kremlin briefings, spring 2024', '2024-10-21', 'True', ''],
      ['reference', 'Example Fact Check', '2024-06-03', 'True', 'https://factcheck.example.org/2024/06/dprk-neighbour'],
    ]);
    expect(links.every((link) => link.linkedBy === 'Alice Checker')).toBe(true);
    expect(library.db.prepare(`SELECT COUNT(*) AS n FROM claims WHERE id = ?`).get(links[0]!.targetId)).toEqual({ n: 0 });
    // The seal the library computes (links included) is the one in the file.
    expect(getClaim(library.ctx, neighbour.id).status).toBe('approved');
    expect(currentSeal(library.ctx, getClaim(library.ctx, neighbour.id))).toBe(neighbour.approval.seal);

    // Claim 1 was linked after its approval, withdrawn, and approved again over the link.
    const peskov = byNumber.get(1)!;
    expect(getClaim(library.ctx, peskov.id)).toMatchObject({ status: 'approved' });
    expect(currentSeal(library.ctx, getClaim(library.ctx, peskov.id))).toBe(peskov.approval.seal);
    expect(project.changes.some((change) => change.entityId === peskov.id && 'approvalWithdrawn' in change.fields)).toBe(true);
    expect(project.changes.filter((change) => 'links' in change.fields).length).toBeGreaterThan(0);

    const again = buildProjectFile(library.ctx, summary.projectId, { appVersion: 'test' });
    expect(parseProjectFile(again.bytes, 'again.factcheck').payload).toEqual(contents.payload);
  });

  it('merges into a library that already has it without changing anything, and imports as a copy with its links', () => {
    const library = fresh();
    applyImport(library.ctx, parseProjectFile(bytes, 'tass-v3.factcheck'));
    const before = dumpLibrary(library.db);
    expect(applyImport(library.ctx, parseProjectFile(bytes, 'tass-v3.factcheck'))).toMatchObject({
      mode: 'merge',
      unchanged: true,
    });
    expect(dumpLibrary(library.db)).toEqual(before);
    const copy = applyImport(library.ctx, parseProjectFile(bytes, 'tass-v3.factcheck'), { asCopy: true });
    expect(copy).toMatchObject({ mode: 'copy', approvalsWithdrawn: 0 });
    const copied = readProjectPayload(library.ctx, copy.projectId)!;
    checkIntegrity(copied, 'copy');
    expect(copied.claimLinks).toHaveLength(3);
    const claimIds = new Set(copied.claims.map((claim) => claim.id));
    expect(copied.claimLinks.every((link) => claimIds.has(link.claimId) && link.projectId === copy.projectId)).toBe(true);
    for (const claim of copied.claims.filter((claim) => claim.status === 'approved'))
      expect(currentSeal(library.ctx, getClaim(library.ctx, claim.id))).toBe(claim.approval.seal);
  });
});
