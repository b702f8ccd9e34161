/**
 * Claim links ("Previously checked") in project files (format 3): they travel with the project
 * (their targets usually do not), merge like the other records a side can remove, and count in the
 * approval seal, so a merge that changes an approved claim's links returns it to "In review".
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors';
import { buildProjectFile, exportProjectToFile } from '../../../main/projectFiles/exportProject';
import { applyImport, parseProjectFile, readProjectFileFromPath } from '../../../main/projectFiles/importProject';
import { packEntries } from '../../../main/projectFiles/pack';
import { readProjectPayload } from '../../../main/projectFiles/projectStore';
import { checkIntegrity } from '../../../main/projectFiles/validate';
import { currentSeal } from '../../../main/repositories/approvals';
import { addClaimLink, removeClaimLink } from '../../../main/repositories/claimLinks';
import { getClaim, updateClaim } from '../../../main/repositories/claims';
import {
  createProjectWithArticle,
  dumpLibrary,
  linkToReference,
  makeTempDir,
  markClaim,
  openTestLibrary,
  readArticle,
  steppingClock,
  verdictId,
  type TestLibrary,
} from '../../fixtures/project-files/helpers';

const TASS = readArticle('en-tass-2024-10-21-peskov-dprk.txt');
const dirs: string[] = [];
const libraries: TestLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function library(author: string, start: string): TestLibrary {
  const dir = makeTempDir('factcheck-links-');
  dirs.push(dir);
  const opened = openTestLibrary(dir, { author, now: steppingClock(start) });
  libraries.push(opened);
  return opened;
}

const POLITIFACT = {
  url: 'https://www.politifact.com/factchecks/2024/may/02/dprk/',
  claimText: 'North Korea borders Russia.',
  publisher: 'PolitiFact',
  rating: 'True',
  reviewDate: '2024-05-02',
};
const SNOPES = {
  url: 'https://www.snopes.com/fact-check/dprk-troops/',
  claimText: 'North Korean troops are in Russia.',
  publisher: 'Snopes',
  rating: 'Mostly True',
  reviewDate: '2024-10-18',
};

/** A's project: two claims, claim 1 linked to a reference fact-check and to a claim of another project. */
function projectWithLinks(a: TestLibrary) {
  const earlier = createProjectWithArticle(a.ctx, { title: 'Spring briefings', articleTitle: 'Earlier', text: 'North Korea is a neighbour.' });
  const earlierClaim = markClaim(a.ctx, earlier.article, 'North Korea is a neighbour');
  const { project, article } = createProjectWithArticle(a.ctx, { title: 'Kremlin on DPRK', articleTitle: 'TASS wire', text: TASS });
  const c1 = markClaim(a.ctx, article, 'North Korea is our close neighbor', { claimant: 'Dmitry Peskov' });
  const c2 = markClaim(a.ctx, article, 'This is our sovereign right');
  const reference = linkToReference(a.ctx, c1.id, POLITIFACT);
  const toClaim = addClaimLink(a.ctx, c1.id, { kind: 'claim', id: earlierClaim.id });
  return { project, article, c1, c2, reference, toClaim };
}

const linkRows = (lib: TestLibrary, projectId: string) =>
  lib.db.prepare(`SELECT * FROM claim_links WHERE project_id = ? ORDER BY id`).all(projectId);

/** Exports the project from `from` and imports the file into `into`. */
function share(from: TestLibrary, into: TestLibrary, projectId: string, options: { asCopy?: boolean } = {}) {
  const file = path.join(from.dir, `share-${Date.now()}-${Math.random()}.factcheck`);
  exportProjectToFile(from.ctx, projectId, file, { appVersion: 'test' });
  return applyImport(into.ctx, readProjectFileFromPath(file), { defaultSide: 'yours', ...options });
}

describe('claim links in a project file', () => {
  it('export → import keeps every link as it was (rows in SQLite), also “without team notes”', () => {
    const a = library('Alice', '2024-10-21T09:00:00.000Z');
    const { project } = projectWithLinks(a);
    const b = library('Bob', '2024-10-22T09:00:00.000Z');
    expect(share(a, b, project.id)).toMatchObject({ mode: 'new', approvalsWithdrawn: 0 });
    const rows = linkRows(b, project.id);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(linkRows(a, project.id));
    expect(rows).toContainEqual(
      expect.objectContaining({ publisher: 'PolitiFact', date: '2024-05-02', rating: 'True', url: POLITIFACT.url, linked_by: 'Alice' }),
    );
    expect(rows).toContainEqual(expect.objectContaining({ target_kind: 'claim', publisher: 'Spring briefings' }));

    // The streamed export and the in-memory one write the same project.json, links included.
    const streamed = path.join(a.dir, 'streamed.factcheck');
    exportProjectToFile(a.ctx, project.id, streamed, { appVersion: 'test', withoutTeamNotes: true });
    const built = buildProjectFile(a.ctx, project.id, { appVersion: 'test', withoutTeamNotes: true });
    const json = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['project.json']!);
    expect(json(fs.readFileSync(streamed))).toBe(json(built.bytes));
    expect(built.counts.claimLinks).toBe(2);
    expect(JSON.parse(json(built.bytes)).claimLinks).toHaveLength(2);
  });

  it('a merge adds a link made on the other side, and a link removed on one side is removed', () => {
    const a = library('Alice', '2024-10-21T09:00:00.000Z');
    const { project, c2, reference } = projectWithLinks(a);
    const b = library('Bob', '2024-10-22T09:00:00.000Z');
    share(a, b, project.id);
    // Bob links claim 2 and removes the PolitiFact link of claim 1.
    linkToReference(b.ctx, c2.id, SNOPES);
    removeClaimLink(b.ctx, reference.id);
    const summary = share(b, a, project.id);
    expect(summary).toMatchObject({ mode: 'merge', unchanged: false });
    const rows = linkRows(a, project.id) as { claim_id: string; publisher: string }[];
    expect(rows.map((row) => [row.claim_id, row.publisher]).sort()).toEqual(
      [
        [c2.id, 'Snopes'],
        [rows.find((row) => row.publisher === 'Spring briefings')!.claim_id, 'Spring briefings'],
      ].sort(),
    );
    expect(rows).toEqual(linkRows(b, project.id));
    // And back: Bob's library already has everything.
    expect(share(a, b, project.id)).toMatchObject({ unchanged: true });
  });

  it('keeps a link one side added while the other removed another, and both sides’ links to one check become one', () => {
    const a = library('Alice', '2024-10-21T09:00:00.000Z');
    const { project, c1, c2, toClaim } = projectWithLinks(a);
    const b = library('Bob', '2024-10-22T09:00:00.000Z');
    share(a, b, project.id);
    removeClaimLink(a.ctx, toClaim.id);
    linkToReference(b.ctx, c1.id, SNOPES);
    // Both link claim 2 to claim 1 (both libraries have it), each with its own link id.
    const first = addClaimLink(a.ctx, c2.id, { kind: 'claim', id: c1.id });
    addClaimLink(b.ctx, c2.id, { kind: 'claim', id: c1.id });
    share(b, a, project.id);
    const payload = readProjectPayload(a.ctx, project.id)!;
    checkIntegrity(payload, 'merged');
    expect(payload.claimLinks.map((link) => [link.claimId, link.publisher]).sort()).toEqual(
      [
        [c1.id, 'PolitiFact'],
        [c1.id, 'Snopes'],
        [c2.id, 'Kremlin on DPRK'],
      ].sort(),
    );
    // Alice linked first: hers is the one kept.
    expect(payload.claimLinks.find((link) => link.claimId === c2.id)!.id).toBe(first.id);
    // Bob takes Alice's result: the same links, the same ids.
    share(a, b, project.id);
    expect(linkRows(b, project.id)).toEqual(linkRows(a, project.id));
  });

  it('an approved claim whose links the other side changed arrives “In review”; one whose links did not change stays approved', () => {
    const a = library('Alice', '2024-10-21T09:00:00.000Z');
    const { project, c1, c2 } = projectWithLinks(a);
    const b = library('Bob', '2024-10-22T09:00:00.000Z');
    share(a, b, project.id);
    const trueVerdict = verdictId(a.db, project.id, 'True');
    updateClaim(a.ctx, c1.id, { verdictId: trueVerdict, status: 'approved' });
    updateClaim(a.ctx, c2.id, { verdictId: trueVerdict, status: 'approved' });
    expect(getClaim(a.ctx, c1.id).status).toBe('approved');
    // Bob, meanwhile, links claim 1 once more; claim 2's links he leaves alone (he edits its tags).
    linkToReference(b.ctx, c1.id, SNOPES);
    updateClaim(b.ctx, c2.id, { tags: ['DPRK'] });
    const summary = share(b, a, project.id);
    expect(summary.approvalsWithdrawn).toBe(1);
    const claim = getClaim(a.ctx, c1.id);
    expect(claim.status).toBe('in_review');
    expect(claim.approval.seal).toBe('');
    const withdrawn = readProjectPayload(a.ctx, project.id)!.changes.filter(
      (change) => change.entityId === c1.id && 'approvalWithdrawn' in change.fields,
    );
    expect(withdrawn).toHaveLength(1);
    expect(getClaim(a.ctx, c2.id)).toMatchObject({ status: 'approved', tags: ['DPRK'] });
    expect(currentSeal(a.ctx, getClaim(a.ctx, c2.id))).toBe(getClaim(a.ctx, c2.id).approval.seal);
  });

  it('an approval made over links holds in the other library, and a copy keeps it', () => {
    const a = library('Alice', '2024-10-21T09:00:00.000Z');
    const { project, c1 } = projectWithLinks(a);
    updateClaim(a.ctx, c1.id, { verdictId: verdictId(a.db, project.id, 'True'), status: 'approved' });
    const b = library('Bob', '2024-10-22T09:00:00.000Z');
    expect(share(a, b, project.id)).toMatchObject({ approvalsWithdrawn: 0 });
    expect(getClaim(b.ctx, c1.id).status).toBe('approved');
    const copy = share(a, b, project.id, { asCopy: true });
    expect(copy).toMatchObject({ mode: 'copy', approvalsWithdrawn: 0 });
    const copied = readProjectPayload(b.ctx, copy.projectId)!;
    expect(copied.claimLinks).toHaveLength(2);
    expect(copied.claims.find((claim) => claim.status === 'approved')).toBeDefined();
  });
});

describe('a damaged file with links is refused, and nothing is written', () => {
  function damaged(edit: (links: Record<string, unknown>[], payload: Record<string, unknown>) => void) {
    const a = library('Alice', '2024-10-21T09:00:00.000Z');
    const { project } = projectWithLinks(a);
    const payload = JSON.parse(JSON.stringify(readProjectPayload(a.ctx, project.id))) as Record<string, unknown>;
    edit(payload.claimLinks as Record<string, unknown>[], payload);
    return packEntries(Buffer.from(JSON.stringify(payload)), {
      appVersion: 'test',
      exportedAt: '2024-10-22T08:30:00.000Z',
      exportedBy: 'Alice',
    }).bytes;
  }

  function expectRefused(bytes: Uint8Array, message: RegExp) {
    const b = library('Bob', '2024-10-22T09:00:00.000Z');
    const before = dumpLibrary(b.db);
    let caught: unknown;
    try {
      applyImport(b.ctx, parseProjectFile(bytes, 'team.factcheck'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).message).toMatch(message);
    expect((caught as AppError).message).toMatch(/Nothing was changed in your library/);
    expect(dumpLibrary(b.db)).toEqual(before);
  }

  it('a link on a claim that is not in the file', () => {
    expectRefused(
      damaged((links) => {
        links[0]!.claimId = '00000000-0000-4000-8000-000000000001';
      }),
      /claim link 1 \(claimLinks\[0\], “PolitiFact”\) is on a claim that is not in the file/,
    );
  });

  it('a javascript: address', () => {
    expectRefused(
      damaged((links) => {
        links[0]!.url = 'javascript:alert(1)';
      }),
      /not valid at “claimLinks\[0\]\.url”: Only web addresses \(http:\/\/ or https:\/\/\) are allowed/,
    );
  });

  it('a claim linked to itself, or to one earlier check twice', () => {
    expectRefused(
      damaged((links) => {
        links[0]!.targetId = links[0]!.claimId;
      }),
      /links a claim to itself/,
    );
    expectRefused(
      damaged((links) => {
        links.push({ ...links[0]!, id: '00000000-0000-4000-8000-000000000002' });
      }),
      /links its claim to the same earlier check a second time/,
    );
  });

  it('links in a file that says it is format 2', () => {
    const entries = unzipSync(damaged(() => undefined));
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Record<string, unknown>;
    expect(manifest.formatVersion).toBe(4);
    const v2 = zipSync({
      'manifest.json': Buffer.from(JSON.stringify({ ...manifest, formatVersion: 2 })),
      'project.json': entries['project.json']!,
    });
    expectRefused(v2, /unexpected fields? “claimLinks”/);
  });
});
