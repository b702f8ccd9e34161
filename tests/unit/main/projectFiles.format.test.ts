import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../main/errors';
import { buildProjectFile } from '../../../main/projectFiles/exportProject';
import {
  FORMAT_VERSION,
  PAYLOAD_SCHEMAS,
  PROJECT_FILE_LIMITS,
  ProjectPayloadV1,
  ProjectPayloadV4,
} from '../../../main/projectFiles/format';
import {
  applyImport,
  parseProjectFile,
  readProjectFileFromPath,
} from '../../../main/projectFiles/importProject';
import { packEntries } from '../../../main/projectFiles/pack';
import { SCHEMA_PATH, projectFileJsonSchemaText } from '../../../main/projectFiles/schema';
import { entryNameProblem, sha256Hex } from '../../../main/projectFiles/unpack';
import { UPGRADE_STEPS, upgradePayload, type UpgradePipeline } from '../../../main/projectFiles/upgrade';
import { createSource } from '../../../main/repositories/sources';
import {
  createProjectWithArticle,
  dumpLibrary,
  makeTempDir,
  markClaim,
  openTestLibrary,
  readArticle,
  toV1Payload,
  type TestLibrary,
} from '../../fixtures/project-files/helpers';

const META = { appVersion: '1.0.0', exportedAt: '2024-10-22T08:30:00.000Z', exportedBy: 'Alice' };
let dir: string;
let lib: TestLibrary;
/** A valid file's project.json, as plain JSON to mutate. */
let valid: Record<string, unknown> & {
  claims: Record<string, unknown>[];
  articles: Record<string, unknown>[];
  sources: Record<string, unknown>[];
};
let validBytes: Uint8Array;

beforeAll(() => {
  dir = makeTempDir();
  // The library the bad files are imported into already holds a project of its own.
  lib = openTestLibrary(path.join(dir, 'lib'), { author: 'Alice' });
  const { project, article } = createProjectWithArticle(lib.ctx, {
    title: 'Existing',
    articleTitle: 'TASS',
    text: readArticle('en-tass-2024-10-21-peskov-dprk.txt'),
  });
  const claim = markClaim(lib.ctx, article, 'North Korea is our close neighbor');
  createSource(lib.ctx, claim.id, { title: 'Atlas', url: 'https://example.org/' });
  const built = buildProjectFile(lib.ctx, project.id, { ...META });
  validBytes = built.bytes;
  valid = JSON.parse(JSON.stringify(parseProjectFile(built.bytes, 'valid.factcheck').payload));
  // The file is of a *different* project (new ids), so a good import would add it.
  lib.db.prepare(`DELETE FROM projects`).run();
  const other = createProjectWithArticle(lib.ctx, {
    title: 'Mine',
    articleTitle: 'Other',
    text: 'Some other text.',
  });
  markClaim(lib.ctx, other.article, 'other text');
});
afterAll(() => {
  lib.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const clone = () => JSON.parse(JSON.stringify(valid)) as typeof valid;
const fileOf = (payload: unknown) => packEntries(Buffer.from(JSON.stringify(payload)), META).bytes;

/** Imports the bytes; expects a refusal naming the problem, and the library exactly as it was. */
function expectRefused(bytes: Uint8Array, message: RegExp | string, name = 'team.factcheck'): AppError {
  const before = dumpLibrary(lib.db);
  let caught: unknown;
  try {
    applyImport(lib.ctx, parseProjectFile(bytes, name));
  } catch (error) {
    caught = error;
  }
  expect(caught, 'the import should have been refused').toBeInstanceOf(AppError);
  const error = caught as AppError;
  if (typeof message === 'string') expect(error.message).toContain(message);
  else expect(error.message).toMatch(message);
  expect(dumpLibrary(lib.db)).toEqual(before);
  return error;
}

/** Rewrites a field of the zip's central directory entry for `name` (what a lying or damaged zip looks like). */
function patchDirectory(
  bytes: Uint8Array,
  name: string,
  patch: (view: DataView, offset: number) => void,
): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  for (let at = copy.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    if (Buffer.from(copy.subarray(at + 46, at + 46 + nameLength)).toString() === name) {
      patch(view, at);
      return copy;
    }
  }
  throw new Error(`no directory entry ${name}`);
}

describe('a valid file', () => {
  it('imports, and keeps what it says', () => {
    const contents = parseProjectFile(validBytes, 'ok.factcheck');
    expect(contents.formatVersion).toBe(4);
    expect(contents.manifest).toMatchObject({
      format: 'factcheck-project',
      formatVersion: 4,
      appVersion: '1.0.0',
      exportedBy: 'Alice',
    });
    expect(contents.manifest.entries['project.json']!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(contents.payload).toEqual(valid);
  });
});

describe('bad input is refused with a message naming what is wrong, and changes nothing', () => {
  it('an empty file', () => expectRefused(new Uint8Array(0), 'the file is empty (0 bytes)'));
  it('a file that is not a zip', () =>
    expectRefused(
      Buffer.from('{"project": "not a zip"}'),
      /“team\.factcheck”: it is not a Factcheck project file \(a \.factcheck file is a zip archive/,
    ));
  it('a file still being written (truncated zip)', () => {
    expectRefused(
      validBytes.subarray(0, Math.floor(validBytes.length / 2)),
      /zip archive is incomplete or damaged.*still being copied/,
    );
    expectRefused(validBytes.subarray(0, validBytes.length - 10), /incomplete or damaged/);
  });
  it('a zip without a manifest', () =>
    expectRefused(zipSync({ 'project.json': Buffer.from(JSON.stringify(valid)) }), 'has no manifest.json'));
  it('a manifest that is not JSON, or of another format', () => {
    expectRefused(zipSync({ 'manifest.json': Buffer.from('{nope') }), 'manifest.json is not valid JSON');
    expectRefused(
      zipSync({ 'manifest.json': Buffer.from(JSON.stringify({ format: 'docx', formatVersion: 1 })) }),
      'its manifest names the format “docx”',
    );
  });
  it('a manifest from a newer version', () => {
    const manifest = { format: 'factcheck-project', formatVersion: FORMAT_VERSION + 1, whatever: true };
    const error = expectRefused(
      zipSync({ 'manifest.json': Buffer.from(JSON.stringify(manifest)), 'project.json': Buffer.from('{}') }),
      'This file was made by a newer version of the app; update to open it',
    );
    expect(error.message).toContain(`format ${FORMAT_VERSION + 1}`);
  });
  it('a checksum mismatch', () => {
    const { manifest } = packEntries(Buffer.from(JSON.stringify(valid)), META);
    const altered = clone();
    (altered.claims[0] as { rationale: string }).rationale = 'edited inside the zip';
    const bytes = zipSync({
      'manifest.json': Buffer.from(JSON.stringify(manifest)),
      'project.json': Buffer.from(JSON.stringify(altered)),
    });
    expectRefused(bytes, 'project.json does not match the checksum in the manifest');
  });
  it('entries the manifest does not list, or lists but are missing', () => {
    const extra = packEntries(Buffer.from(JSON.stringify(valid)), META);
    const unzipped = {
      'manifest.json': Buffer.from(JSON.stringify(extra.manifest)),
      'project.json': Buffer.from(JSON.stringify(valid)),
    };
    expectRefused(
      zipSync({ ...unzipped, 'attachments/a.png': new Uint8Array([1]) }),
      'which its manifest does not list',
    );
    const missing = {
      ...extra.manifest,
      entries: {
        ...extra.manifest.entries,
        'attachments/b.png': { sha256: sha256Hex(new Uint8Array([2])), bytes: 1 },
      },
    };
    expectRefused(
      zipSync({ ...unzipped, 'manifest.json': Buffer.from(JSON.stringify(missing)) }),
      'which is missing from the zip',
    );
  });
  it('path entries like ../../etc/passwd', () => {
    expectRefused(
      zipSync({ 'manifest.json': Buffer.from('{}'), '../../etc/passwd': Buffer.from('root') }),
      /a path that points outside the project file \(“\.\.\/\.\.\/etc\/passwd”\)/,
    );
    expectRefused(
      zipSync({ 'manifest.json': Buffer.from('{}'), '/etc/passwd': Buffer.from('x') }),
      'an absolute path',
    );
    expectRefused(
      zipSync({ 'manifest.json': Buffer.from('{}'), 'attachments/../../x': Buffer.from('x') }),
      'points outside',
    );
    expect(entryNameProblem('attachments\\..\\x')).toBe('characters not allowed in a path');
    expect(entryNameProblem('C:/x')).toBe('characters not allowed in a path');
    expect(entryNameProblem('notes.txt')).toBe('an unexpected name');
    expect(entryNameProblem('attachments/img/a.png')).toBeNull();
  });
  it('a zip bomb: the declared size is checked before inflating', () => {
    const huge = patchDirectory(validBytes, 'project.json', (view, at) =>
      view.setUint32(at + 24, 0xfffffff0, true),
    );
    expectRefused(
      huge,
      /“project\.json” would unpack to 4\.0 GB, more than the 256 MB allowed \(a damaged file or a zip bomb\)/,
    );
  });
  it('a zip bomb: a real entry that inflates past the limit', () => {
    // 64 MB of spaces deflate to ~64 KB; with the limit at 8 MB it is refused before inflating.
    const padded = Buffer.alloc(64 * 1024 * 1024, 0x20);
    Buffer.from(JSON.stringify(valid)).copy(padded);
    const bomb = packEntries(padded, META).bytes;
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = (() => {
      try {
        parseProjectFile(bomb, 'bomb.factcheck', { limits: { projectJsonBytes: 8 * 1024 * 1024 } });
      } catch (caught) {
        return caught as AppError;
      }
      return null;
    })();
    expect(error?.message).toMatch(/would unpack to 64 MB, more than the 8\.0 MB allowed/);
  });
  it('a zip bomb that lies about its size is capped at the declared size while inflating', () => {
    const padded = Buffer.alloc(32 * 1024 * 1024, 0x20);
    Buffer.from(JSON.stringify(valid)).copy(padded);
    const { bytes } = packEntries(padded, META);
    const lying = patchDirectory(bytes, 'project.json', (view, at) => view.setUint32(at + 24, 1000, true));
    const heapBefore = process.memoryUsage().arrayBuffers;
    expectRefused(
      lying,
      '“project.json” unpacks to more than the zip says it holds (a damaged file or a zip bomb)',
    );
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(16 * 1024 * 1024);
  });
  it('a zip with too many entries', () => {
    const entries: Record<string, Uint8Array> = { 'manifest.json': Buffer.from('{}') };
    for (let i = 0; i < PROJECT_FILE_LIMITS.entries; i++) entries[`attachments/${i}.txt`] = new Uint8Array(0);
    expectRefused(zipSync(entries), `it holds 1,001 entries; a project file can hold at most 1,000`);
  });
  it('project.json that is not UTF-8, or not JSON', () => {
    expectRefused(
      packEntries(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), META).bytes,
      'project.json is not valid UTF-8',
    );
    expectRefused(packEntries(Buffer.from('{"project": '), META).bytes, /project\.json is not valid JSON/);
  });

  describe('JSON that fails the schema', () => {
    it('wrong types', () => {
      const bad = clone();
      bad.claims[0]!.anchor = { ...(bad.claims[0]!.anchor as object), start: '44' };
      expectRefused(
        fileOf(bad),
        /project\.json is not valid at “claims\[0\]\.anchor\.start”: Invalid input: expected number, received string/,
      );
    });
    it('missing fields', () => {
      const bad = clone();
      delete bad.claims[0]!.status;
      expectRefused(fileOf(bad), /at “claims\[0\]\.status”/);
      const noProject = clone();
      delete noProject.project;
      expectRefused(fileOf(noProject), /at “project”/);
    });
    it('unknown fields', () => {
      const bad = clone();
      bad.articles[0]!.html = '<script>alert(1)</script>';
      expectRefused(fileOf(bad), /at “articles\[0\]”: unexpected field “html”/);
    });
    it('claim offsets outside the article', () => {
      const bad = clone();
      const text = bad.articles[0]!.text as string;
      bad.claims[0]!.anchor = {
        ...(bad.claims[0]!.anchor as object),
        start: text.length - 2,
        end: text.length + 40,
      };
      expectRefused(
        fileOf(bad),
        /claim 1 \(claims\[0\], “North Korea is our close neighbor”\) is marked at characters \d+–\d+, outside its article “TASS” \(\d[\d,]* characters\)/,
      );
    });
    it('a quote that is not at its offsets', () => {
      const bad = clone();
      bad.claims[0]!.anchor = { ...(bad.claims[0]!.anchor as object), exact: 'something else' };
      expectRefused(fileOf(bad), /quotes text that is not at characters/);
    });
    it('a claim pointing at an unknown article', () => {
      const bad = clone();
      bad.claims[0]!.articleId = '99999999-9999-4999-8999-999999999999';
      expectRefused(
        fileOf(bad),
        'points at an article that is not in the file (99999999-9999-4999-8999-999999999999)',
      );
    });
    it('a source of an unknown claim, a verdict not on the scale, a record of another project', () => {
      const source = clone();
      source.sources[0]!.claimId = '99999999-9999-4999-8999-999999999999';
      expectRefused(fileOf(source), 'belongs to a claim that is not in the file');
      const verdict = clone();
      verdict.claims[0]!.verdictId = '99999999-9999-4999-8999-999999999999';
      expectRefused(fileOf(verdict), 'has a verdict that is not on the project’s scale');
      const project = clone();
      project.articles[0]!.projectId = '99999999-9999-4999-8999-999999999999';
      expectRefused(fileOf(project), 'belongs to another project');
    });
    it('duplicate ids', () => {
      const bad = clone();
      bad.claims.push({ ...bad.claims[0]! });
      expectRefused(fileOf(bad), `two claims have the same id (${bad.claims[0]!.id})`);
      const history = clone();
      (history.changes as unknown[]).push((history.changes as unknown[])[0]);
      expectRefused(fileOf(history), 'two history entries have the same id');
      const across = clone();
      across.sources[0]!.id = across.claims[0]!.id;
      expectRefused(fileOf(across), 'is used by two different records');
    });
    it('links that are not web addresses, colours that are not colours', () => {
      const link = clone();
      link.sources[0]!.url = 'javascript:alert(1)';
      expectRefused(fileOf(link), /at “sources\[0\]\.url”: Only web addresses/);
      const colour = clone();
      (colour.verdicts as Record<string, unknown>[])[0]!.colour = 'red;background:url(x)';
      expectRefused(fileOf(colour), /at “verdicts\[0\]\.colour”: Use a colour like/);
    });
  });

  it('100,000 claims: over the documented limit of 50,000', () => {
    const bad = clone();
    const claim = bad.claims[0]!;
    bad.claims = Array.from({ length: 100_000 }, () => claim);
    expectRefused(fileOf(bad), /it has 100,000 claims; a project file can hold at most 50,000/);
  });

  it('strings of 10 MB', () => {
    const text = clone();
    text.articles[0]!.text = 'x'.repeat(10 * 1024 * 1024);
    expectRefused(
      fileOf(text),
      /the text at “articles\[0\]\.text” is 10,485,760 characters long; the most any text in a project may have is 5,000,000/,
    );
    const history = clone();
    (history.changes as { fields: Record<string, unknown> }[])[0]!.fields.title = {
      after: 'y'.repeat(10 * 1024 * 1024),
    };
    expectRefused(
      fileOf(history),
      /the text at “changes\[0\]\.fields\.title\.after” is 10,485,760 characters/,
    );
    const statement = clone();
    statement.claims[0]!.statement = 'z'.repeat(20_000);
    expectRefused(
      fileOf(statement),
      'project.json is not valid at “claims[0].statement”: Too long: at most 10,000 characters.',
    );
  });

  it('values nested deeper than any real file, and keys aimed at prototypes', () => {
    // Built as text: 100,000 levels are more than JSON.stringify (or any recursive walk) survives.
    const deep = JSON.stringify(valid).replace(
      '"fields":{',
      `"fields":{"nested":{"after":${'['.repeat(100_000)}${']'.repeat(100_000)}},`,
    );
    expectRefused(
      packEntries(Buffer.from(deep), META).bytes,
      /project\.json is nested too deeply at “changes\[0\]\.fields\.nested\.after/,
    );
    const proto = JSON.stringify(valid).replace('"fields":{', '"fields":{"__proto__":{"after":1},');
    expectRefused(packEntries(Buffer.from(proto), META).bytes, /a field named “__proto__”/);
  });

  it('reading from a path: a missing file, a folder, a file over the size limit', () => {
    expect(() => readProjectFileFromPath(path.join(dir, 'nope.factcheck'))).toThrow(
      /“nope\.factcheck” was not found/,
    );
    expect(() => readProjectFileFromPath(dir)).toThrow(/it is a folder/);
    const big = path.join(dir, 'big.factcheck');
    fs.writeFileSync(big, Buffer.alloc(2048));
    expect(() => readProjectFileFromPath(big, { limits: { fileBytes: 1024 } })).toThrow(
      /the file is 2 KB; a project file can be at most 1 KB/,
    );
  });
});

describe('format versions', () => {
  it('has one upgrade step per older version, in order', () => {
    expect(UPGRADE_STEPS.map((step) => step.from)).toEqual(
      Array.from({ length: FORMAT_VERSION - 1 }, (_, i) => i + 1),
    );
    for (let version = 1; version <= FORMAT_VERSION; version++)
      expect(PAYLOAD_SCHEMAS[version]).toBeDefined();
  });

  it('upgrades an older file step by step and validates each step (a pretend v5)', () => {
    const V5 = ProjectPayloadV4.extend({ reviewers: z.array(z.string()) });
    const pipeline: UpgradePipeline = {
      current: 5,
      schemas: { ...PAYLOAD_SCHEMAS, 5: V5 },
      steps: [
        ...UPGRADE_STEPS,
        {
          from: 4,
          describe: 'adds reviewers',
          upgrade: (payload) => ({ ...(payload as object), reviewers: [] }),
        },
      ],
    };
    const upgraded = upgradePayload(clone(), 4, 'old.factcheck', pipeline) as z.infer<typeof V5>;
    expect(upgraded.reviewers).toEqual([]);
    expect(upgraded.claims).toEqual(valid.claims);
    // From version 1, through every step.
    const fromV1 = upgradePayload(
      ProjectPayloadV1.parse(toV1Payload(clone())),
      1,
      'older.factcheck',
      pipeline,
    ) as z.infer<typeof V5>;
    expect(fromV1.reviewers).toEqual([]);
    expect(fromV1.claimLinks).toEqual([]);
    expect(fromV1.claims.map((claim) => claim.number)).toEqual([1]);
    // A step that produces something invalid is caught, with the file's name.
    const broken: UpgradePipeline = {
      ...pipeline,
      steps: [...UPGRADE_STEPS, { from: 4, describe: 'broken', upgrade: (payload) => payload }],
    };
    expect(() => upgradePayload(clone(), 4, 'old.factcheck', broken)).toThrow(
      /“old\.factcheck”: project\.json is not valid at “reviewers”/,
    );
    expect(() => upgradePayload(clone(), 6, 'new.factcheck', pipeline)).toThrow(
      'This file was made by a newer version of the app; update to open it',
    );
    expect(() => upgradePayload(clone(), 4, 'old.factcheck', { ...pipeline, steps: UPGRADE_STEPS })).toThrow(
      /no upgrade step/,
    );
  });
});

describe('docs/project-file.schema.json', () => {
  it('is the schema generated from the zod schemas (regenerate with `node scripts/write-project-file-schema.mjs`)', () => {
    // Only compares: the committed file is never rewritten by a test run.
    const root = path.resolve(__dirname, '../../..');
    expect(
      fs.readFileSync(path.join(root, SCHEMA_PATH), 'utf8'),
      'docs/project-file.schema.json is out of date: run `node scripts/write-project-file-schema.mjs` and review the diff',
    ).toBe(projectFileJsonSchemaText());
  });
});
