import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProjectCli } from '../../../main/projectFiles/cli';
import { parseProjectFile, readProjectFileFromPath } from '../../../main/projectFiles/importProject';
import { readProjectPayload } from '../../../main/projectFiles/projectStore';
import { updateClaim } from '../../../main/repositories/claims';
import {
  createProjectWithArticle,
  dumpLibrary,
  makeTempDir,
  markClaim,
  openTestLibrary,
  readArticle,
  verdictId,
} from '../../fixtures/project-files/helpers';

const ROOT = path.resolve(__dirname, '../../..');
let dir: string;
let projectId: string;
let claimId: string;
const libA = () => path.join(dir, 'alice');

beforeAll(() => {
  dir = makeTempDir('factcheck-cli-');
  const a = openTestLibrary(libA(), { author: 'Alice' });
  const { project, article } = createProjectWithArticle(a.ctx, {
    title: 'Kremlin on DPRK',
    articleTitle: 'TASS',
    text: readArticle('en-tass-2024-10-21-peskov-dprk.txt'),
  });
  projectId = project.id;
  claimId = markClaim(a.ctx, article, 'North Korea is our close neighbor').id;
  a.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProjectCli(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    cwd: dir,
    env: {},
    platform: 'linux',
    homedir: path.join(dir, 'home'),
    appVersion: '1.2.3',
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function dumpOf(libraryDir: string) {
  const library = openTestLibrary(libraryDir);
  try {
    return dumpLibrary(library.db);
  } finally {
    library.close();
  }
}

describe('npm run project -- export', () => {
  it('exports by title or by id', async () => {
    const byTitle = await run('export', 'kremlin on dprk', '--out', 'by-title.factcheck', '--data', libA());
    expect(byTitle).toMatchObject({ code: 0, err: '' });
    expect(byTitle.out).toMatch(
      /^Exported “Kremlin on DPRK” to .*by-title\.factcheck \(\d+ KB\): 1 article, 1 claim, 0 sources, \d+ history entries\.$/,
    );
    const byId = await run(
      'export',
      projectId,
      `--out=${path.join(dir, 'by-id.factcheck')}`,
      '--data',
      libA(),
    );
    expect(byId.code).toBe(0);
    expect(readProjectFileFromPath(path.join(dir, 'by-id.factcheck')).payload).toEqual(
      readProjectFileFromPath(path.join(dir, 'by-title.factcheck')).payload,
    );
    expect(readProjectFileFromPath(path.join(dir, 'by-id.factcheck')).manifest.appVersion).toBe('1.2.3');
  });

  it('refuses an unknown project, a missing library, and wrong usage', async () => {
    expect(await run('export', 'Nope', '--out', 'x.factcheck', '--data', libA())).toMatchObject({
      code: 1,
      err: expect.stringContaining('No project with the id or title “Nope”'),
    });
    expect(
      await run('export', 'Nope', '--out', 'x.factcheck', '--data', path.join(dir, 'nowhere')),
    ).toMatchObject({ code: 1, err: expect.stringContaining('There is no library in') });
    expect((await run('export', 'Kremlin on DPRK', '--data', libA())).code).toBe(2);
    expect((await run()).code).toBe(2);
    expect((await run('frobnicate')).err).toContain('Unknown command “frobnicate”');
    expect((await run('export', 'x', '--out')).err).toContain('--out needs a value');
    expect((await run('import', 'x', '--bogus')).err).toContain('Unknown option --bogus');
    expect((await run('--help')).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'x.factcheck'))).toBe(false);
  });
});

describe('npm run project -- import', () => {
  it('imports a new project into an empty library folder', async () => {
    const result = await run('import', 'by-title.factcheck', '--data', 'bob');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'Imported “Kremlin on DPRK” from “by-title.factcheck”: 1 article, 1 claim, 7 verdicts',
    );
  });

  it('stops a merge with conflicts and lists them, unless --ours or --theirs', async () => {
    // Alice and Bob rate the claim differently; Bob's file comes back to Alice.
    // Each also marks a claim: both get number 2.
    const bob = openTestLibrary(path.join(dir, 'bob'));
    updateClaim(bob.ctx, claimId, { verdictId: verdictId(bob.db, projectId, 'Misleading') });
    markClaim(bob.ctx, readProjectPayload(bob.ctx, projectId)!.articles[0]!, 'This is our sovereign right');
    bob.close();
    const alice = openTestLibrary(libA(), { author: 'Alice' });
    updateClaim(alice.ctx, claimId, { verdictId: verdictId(alice.db, projectId, 'False') });
    markClaim(alice.ctx, readProjectPayload(alice.ctx, projectId)!.articles[0]!, 'contradictory information');
    alice.close();
    expect((await run('export', projectId, '--out', 'from-bob.factcheck', '--data', 'bob')).code).toBe(0);

    const before = dumpOf(libA());
    const stopped = await run('import', 'from-bob.factcheck', '--data', libA());
    expect(stopped.code).toBe(3);
    expect(stopped.err).toContain('both changed the same things (1 conflict)');
    expect(stopped.err).toMatch(
      /claim “North Korea is our close neighbor”, Verdict\n\s+yours : False \(Alice, .*\)\n\s+theirs: Misleading \(unknown, .*\)/,
    );
    expect(stopped.err).toContain('Nothing was imported. Run again with --ours');
    expect(dumpOf(libA())).toEqual(before);

    expect((await run('import', 'from-bob.factcheck', '--data', libA(), '--ours', '--theirs')).code).toBe(2);
    const ours = await run('import', 'from-bob.factcheck', '--data', libA(), '--ours');
    expect(ours.code).toBe(0);
    expect(ours.out).toContain('conflicts resolved: 1 (kept yours in 1, took theirs in 0)');
    // Never a conflict: the claim marked first keeps number 2, the other is renumbered.
    expect(ours.out).toMatch(
      /\n {2}Claim 2 is now Claim 3: (This is our sovereign right|contradictory information)\n/,
    );
    const check = openTestLibrary(libA());
    expect(readProjectPayload(check.ctx, projectId)!.claims[0]!.verdictId).toBe(
      verdictId(check.db, projectId, 'False'),
    );
    check.close();
  });

  it('takes theirs with --theirs, and imports a separate copy with --as-copy', async () => {
    const fresh = path.join(dir, 'carol');
    expect((await run('import', 'by-title.factcheck', '--data', fresh)).code).toBe(0);
    const carol = openTestLibrary(fresh, { author: 'Carol' });
    updateClaim(carol.ctx, claimId, { verdictId: verdictId(carol.db, projectId, 'True') });
    carol.close();
    const theirs = await run('import', 'from-bob.factcheck', '--data', fresh, '--theirs');
    expect(theirs).toMatchObject({ code: 0 });
    expect(theirs.out).toContain('took theirs in 1');
    expect(theirs.out).toMatch(/backed up \(backup [0-9a-f-]{36}\)/);
    const check = openTestLibrary(fresh);
    expect(readProjectPayload(check.ctx, projectId)!.claims[0]!.verdictId).toBe(
      verdictId(check.db, projectId, 'Misleading'),
    );
    check.close();
    const copy = await run('import', 'from-bob.factcheck', '--data', fresh, '--as-copy');
    expect(copy.out).toContain('Imported “Kremlin on DPRK (copy)” as a separate copy');
    expect((await run('import', 'from-bob.factcheck', '--data', fresh, '--as-copy', '--theirs')).code).toBe(
      2,
    );
  });

  it('refuses a bad file with the same message as the app, changing nothing', async () => {
    const bad = path.join(dir, 'bad.factcheck');
    fs.writeFileSync(bad, 'this is not a zip');
    const before = dumpOf(libA());
    const result = await run('import', bad, '--data', libA());
    let appMessage = '';
    try {
      parseProjectFile(fs.readFileSync(bad), 'bad.factcheck');
    } catch (error) {
      appMessage = (error as Error).message;
    }
    expect(result).toEqual({ code: 1, out: '', err: appMessage });
    expect(appMessage).toContain('Can’t import “bad.factcheck”: it is not a Factcheck project file');
    expect(dumpOf(libA())).toEqual(before);
    expect(await run('import', 'missing.factcheck', '--data', libA())).toMatchObject({
      code: 1,
      err: expect.stringContaining('“missing.factcheck” was not found'),
    });
  });
});

describe('the bundled entry point', () => {
  it('runs under plain Node and exits with the command’s code', async () => {
    const out = path.join(dir, 'bundle', 'cli.js');
    await build({
      entryPoints: [path.join(ROOT, 'main/projectFiles/cli.ts')],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3', 'electron'],
      define: { __APP_VERSION__: '"0.0.0-bundle"' },
      logLevel: 'silent',
    });
    const env = { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') };
    const help = spawnSync(process.execPath, [out, '--help'], { env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('npm run project -- export');
    const bad = spawnSync(
      process.execPath,
      [out, 'import', path.join(dir, 'bad.factcheck'), '--data', libA()],
      { env, encoding: 'utf8' },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Can’t import “bad.factcheck”');
    const exported = spawnSync(
      process.execPath,
      [out, 'export', projectId, '--out', path.join(dir, 'bundle', 'p.factcheck'), '--data', libA()],
      { env, encoding: 'utf8' },
    );
    expect(exported.status).toBe(0);
    expect(readProjectFileFromPath(path.join(dir, 'bundle', 'p.factcheck')).manifest.appVersion).toBe(
      '0.0.0-bundle',
    );
  });
});

describe('npm run project: arguments (node:util parseArgs)', () => {
  it('refuses unknown options, missing values and values given to switches with exit code 2 and the usage', async () => {
    const cases: [string[], string][] = [
      [['import', 'x.factcheck', '-x'], 'Unknown option -x.'],
      [['import', 'x.factcheck', '--as-copy=yes'], '--as-copy does not take a value.'],
      [['export', 'x', '-o'], '-o needs a value.'],
      [['export', 'x', '--out='], '--out needs a value.'],
      [['export', 'x', '--out', '--data', 'lib'], '--out needs a value'],
      [['export', 'x', '--out', 'a.factcheck', '--out', 'b.factcheck'], '--out is given twice.'],
      [['import', 'x.factcheck', '--ours', '--theirs'], 'Give either --ours or --theirs, not both.'],
    ];
    for (const [argv, message] of cases) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err.startsWith(message), result.err).toBe(true);
      expect(result.err).toContain('npm run project -- export');
    }
    expect((await run('-h')).out).toContain('npm run project -- import FILE');
  });
});
