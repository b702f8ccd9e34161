import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts/check-repo-paths.mjs');

function run(root?: string) {
  const result = spawnSync(process.execPath, [SCRIPT, ...(root ? ['--root', root] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// The planted paths are joined at run time, so this file does not itself point out of the repository.
const UP = ['..', 'shared'].join('/');
const UP3 = ['..', '..', '..', 'shared'].join('/');
const abs = (folder: string, rest: string) => `/${folder}/${rest}`;

let temp: string | undefined;
afterEach(() => {
  if (temp) fs.rmSync(temp, { recursive: true, force: true });
  temp = undefined;
});

/** A small repository in a temporary folder, with `repo/` as its root and `shared/` beside it. */
function plant(files: Record<string, string>, { git = false } = {}): string {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-repo-paths-'));
  const root = path.join(temp, 'repo');
  const all: Record<string, string> = {
    'package.json': '{ "name": "planted" }\n',
    'shared/domain.ts': 'export const domain = 1;\n',
    'tests/ok.test.ts': [
      `import { domain } from '${UP}/domain';`,
      "const here = path.resolve(__dirname, '..');",
      "const browser = '/usr/bin/chromium';",
      '',
    ].join('\n'),
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  fs.mkdirSync(path.join(temp, 'shared/fixtures/articles'), { recursive: true });
  if (git) expect(spawnSync('git', ['init', '-q'], { cwd: root }).status).toBe(0);
  return root;
}

describe('scripts/check-repo-paths.mjs', () => {
  it('passes on this repository', () => {
    const { status, output } = run();
    expect(output).toContain('every path stays inside the repository');
    expect(status).toBe(0);
  });

  it('passes on a planted repository with nothing wrong in it', () => {
    const { status, output } = run(plant({}));
    expect(output).toContain('every path stays inside the repository');
    expect(status).toBe(0);
  });

  it.each([false, true])('flags planted paths that leave the repository, with file:line (git: %s)', (git) => {
    const root = plant(
      {
        'tests/bad.test.ts': [
          "import fs from 'node:fs';",
          `const A = fs.readFileSync('${abs('work', 'shared/fixtures/articles/x.txt')}', 'utf8');`,
          `const B = path.resolve(__dirname, '${UP3}/fixtures/articles');`,
          "const root = path.resolve(__dirname, '..');",
          `const C = path.resolve(root, '${UP}/fixtures/articles');`,
          "const D = path.join(__dirname, '..', '..', '..', 'elsewhere');",
          "const E = 'C:\\\\Users\\\\me\\\\articles';", // repo-paths: allow planted in a temporary folder
          "const F = '/opt/tools/thing';", // repo-paths: allow planted in a temporary folder
          '',
        ].join('\n'),
        'scripts/tool.mjs': `const out = '${abs('tmp', 'out.txt')}';\n`,
        'README.md': `Read [the design](${UP}/DESIGN.md).\n`,
      },
      { git },
    );
    const { status, output } = run(root);
    expect(status).toBe(1);
    for (const where of [
      `tests/bad.test.ts:2: ${abs('work', 'shared/fixtures/articles/x.txt')}`,
      `tests/bad.test.ts:3: ${UP3}/fixtures/articles`,
      `tests/bad.test.ts:5: ${UP}/fixtures/articles`,
      'tests/bad.test.ts:6: ../../..',
      'tests/bad.test.ts:7: C:',
      'tests/bad.test.ts:8: /opt/tools/thing', // repo-paths: allow the expected report
      `scripts/tool.mjs:1: ${abs('tmp', 'out.txt')}`,
      `README.md:1: ${UP}/DESIGN.md`,
    ]) {
      expect(output).toContain(where);
    }
    expect(output).not.toContain('tests/bad.test.ts:1:');
    expect(output).not.toContain('tests/bad.test.ts:4:');
    expect(output).not.toContain('tests/ok.test.ts');
  });

  it('lets benches read the datasets beside the repository, and a line say why it must stay', () => {
    const root = plant({
      'bench/data.ts': `const DATASETS = path.resolve(__dirname, '../${UP}/datasets');\n`,
      'tests/kept.test.ts': `const X = '${abs('home', 'someone/file')}'; // repo-paths: allow an invented path the parser gets\n`,
      'tests/unexplained.test.ts': `const Y = '${abs('home', 'someone/file')}'; // repo-paths: allow\n`,
    });
    const { status, output } = run(root);
    expect(output).not.toContain('bench/data.ts');
    expect(output).not.toContain('tests/kept.test.ts');
    expect(output).toContain(`tests/unexplained.test.ts:1: ${abs('home', 'someone/file')}`);
    expect(output).toContain('needs a reason');
    expect(status).toBe(1);
  });
});
