/**
 * The export to disk streams project.json (read a record at a time, deflated a segment at a time)
 * instead of building it in memory. Its file must hold exactly what the in-memory export holds:
 * the same bytes when project.json fits in one segment, the same entries when it does not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProjectFile, exportProjectToFile } from '../../../main/projectFiles/exportProject';
import { applyImport, parseProjectFile } from '../../../main/projectFiles/importProject';
import { readProjectPayload } from '../../../main/projectFiles/projectStore';
import { unpackProjectFile } from '../../../main/projectFiles/unpack';
import { updateClaim } from '../../../main/repositories/claims';
import { makeTempDir, openTestLibrary, type TestLibrary } from '../../fixtures/project-files/helpers';

const GOLDEN_V2 = path.resolve(__dirname, '../../fixtures/project-files/tass-v2.factcheck');
const META = { appVersion: 'test', exportedAt: '2024-11-02T10:00:00.000Z', exportedBy: 'Export test' };

const libraries: TestLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) {
    library.close();
    fs.rmSync(library.dir, { recursive: true, force: true });
  }
});

/** The golden v2 project (team notes, corrections, publications, approvals) in a fresh library. */
function goldenLibrary(): { library: TestLibrary; projectId: string } {
  const library = openTestLibrary(makeTempDir(), { author: 'Export test' });
  libraries.push(library);
  const { projectId } = applyImport(
    library.ctx,
    parseProjectFile(fs.readFileSync(GOLDEN_V2), 'tass-v2.factcheck'),
  );
  // A long rationale edited in its middle: a history row stored as a delta.
  const claim = readProjectPayload(library.ctx, projectId)!.claims[0]!;
  const long = 'The ministry’s own figures say otherwise, and so do the border records. '.repeat(20);
  updateClaim(library.ctx, claim.id, { rationale: long });
  updateClaim(library.ctx, claim.id, { rationale: `${long.slice(0, 700)}[checked] ${long.slice(700)}` });
  return { library, projectId };
}

const projectJsonOf = (bytes: Uint8Array) =>
  Buffer.from(unpackProjectFile(bytes, { fileName: 'x.factcheck' }).projectJson);

describe('streamed export', () => {
  for (const withoutTeamNotes of [false, true]) {
    it(`writes the bytes of the in-memory export${withoutTeamNotes ? ', without team notes and assignees' : ''}`, () => {
      const { library, projectId } = goldenLibrary();
      const inMemory = buildProjectFile(library.ctx, projectId, { ...META, withoutTeamNotes });
      const file = path.join(library.dir, 'out.factcheck');
      const result = exportProjectToFile(library.ctx, projectId, file, { ...META, withoutTeamNotes });
      const written = fs.readFileSync(file);
      expect(projectJsonOf(written).toString('utf8')).toBe(projectJsonOf(inMemory.bytes).toString('utf8'));
      expect(Buffer.compare(written, Buffer.from(inMemory.bytes))).toBe(0);
      expect(result).toMatchObject({
        bytes: written.length,
        counts: inMemory.counts,
        project: inMemory.project,
      });
      expect(projectJsonOf(written).toString('utf8')).not.toContain('$delta');
    });
  }

  it('deflated in many segments, holds the same project.json, and imports into another library as it was', () => {
    const { library, projectId } = goldenLibrary();
    const expected = projectJsonOf(buildProjectFile(library.ctx, projectId, META).bytes);
    const file = path.join(library.dir, 'segments.factcheck');
    exportProjectToFile(library.ctx, projectId, file, { ...META, segmentBytes: 1_000 });
    const bytes = fs.readFileSync(file);
    expect(Buffer.compare(projectJsonOf(bytes), expected)).toBe(0);
    const contents = parseProjectFile(bytes, 'segments.factcheck');
    expect(contents.manifest).toMatchObject({
      exportedBy: 'Export test',
      entries: { 'project.json': { bytes: expected.length } },
    });
    const other = openTestLibrary(makeTempDir(), { author: 'Other' });
    libraries.push(other);
    const { projectId: imported } = applyImport(other.ctx, contents);
    expect(readProjectPayload(other.ctx, imported)).toEqual(readProjectPayload(library.ctx, projectId));
  });

  it('marks the project’s changes exported, so no later save folds into them', () => {
    const { library, projectId } = goldenLibrary();
    const pending = () =>
      (
        library.db
          .prepare(`SELECT COUNT(*) AS n FROM unexported_changes WHERE project_id = ?`)
          .get(projectId) as { n: number }
      ).n;
    expect(pending()).toBeGreaterThan(0);
    exportProjectToFile(library.ctx, projectId, path.join(library.dir, 'marked.factcheck'), META);
    expect(pending()).toBe(0);
  });

  it('refuses a project that is gone, leaving no file', () => {
    const { library } = goldenLibrary();
    const file = path.join(library.dir, 'gone.factcheck');
    expect(() =>
      exportProjectToFile(library.ctx, '00000000-0000-4000-8000-000000000000', file, META),
    ).toThrow(/no longer exists/);
    expect(fs.readdirSync(library.dir).filter((name) => name.includes('.factcheck'))).toEqual([]);
  });
});
