#!/usr/bin/env node
// Fails when a file of the repository points outside it: a relative path that climbs above the
// repository's root (the workspace's shared folder beside it, `path.resolve(__dirname, '..', '..', '..')`),
// or an absolute path into a user's or this machine's folders (see USER_FOLDERS, or a drive) or another
// system folder that is not on the short list of system tools below. A fresh clone must build and
// test on its own, with nothing beside it.
//
//   node scripts/check-repo-paths.mjs [--root DIR]
//
// It reads every tracked file (git ls-files, plus new files not yet added, minus ignored ones), or
// every file under the root when that is not a git checkout; it skips node_modules/,
// package-lock.json and binary files. A line that must stay as it is may say why at its end:
//   // repo-paths: allow <the reason>
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** System tools and kernel files a test or script may name. Prefixes; a trailing / allows a folder. */
export const SYSTEM_ALLOWLIST = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/pdftotext',
  '/usr/bin/pdftoppm',
  '/usr/bin/env', // shebang lines
  '/bin/sh',
  '/dev/null',
  '/proc/',
];

/**
 * Invented paths that tests hand to the code under test as data (argv, home folders, dialog
 * answers, hostile names and URLs) and never read or write. Allowed in tests/ only; prefixes of
 * the path as written in the source (backslashes doubled, as in a string literal).
 */
// Folder names are joined at run time, so that this file, which must name what it looks for, does
// not itself read as a path out of the repository.
const USER_FOLDERS = ['work', 'home', 'root', 'Users', 'tmp'];
const at = (folder, rest) => `/${folder}/${rest}`;
export const INVENTED_TEST_PATHS = [
  // home and config folders for defaultDataDir() and argv parsing
  at('home', 'ana'),
  at('home', 'anna'),
  at('home', 'a/'),
  at('home', 'u/'),
  at('home', 'x'),
  at('Users', 'ana'),
  at('Users', 'anna/'),
  'C:\\\\Users\\\\ana',
  'C:\\\\Users\\\\a\\\\',
  'C:\\\\Users\\\\u\\\\',
  // an installed app and its argv
  '/opt/factcheck/',
  '/usr/bin/electron',
  '/usr/bin/app',
  at('tmp', 'trick.factcheck'),
  // the fake Electron's app.getPath() and dialog answers, compared as strings
  at('tmp', 'factcheck-fake-'),
  at('tmp', 'chosen/'),
  at('tmp', 'report.html'),
  // hostile or unwritable targets the code must refuse or explain
  '/etc/passwd',
  '/media/cd/',
];

/** Relative paths that are read from another folder than the file's own, by file. */
export const FILE_ALLOWLIST = [
  {
    file: 'vite.config.ts',
    prefixes: ['../dist/renderer'],
    why: "relative to Vite's root (renderer/): the repository's dist/renderer",
  },
];

/** Benchmarks may read the shared datasets beside the repository (they say plainly when absent). */
const BENCH_DATASETS = ['..', 'shared', 'datasets'].join('/');
/** A relative path into the workspace's shared folder, as a file would write it. */
const SIBLING_SHARED = /^\.\.\/shared\//;

const CODE = /\.(?:[cm]?[jt]sx?)$/;
const DOCS = /\.(?:md|txt)$/i;
const SKIP = [/^node_modules\//, /(^|\/)package-lock\.json$/, /^scripts\/check-repo-paths\.mjs$/];
const ALLOW_MARK = /repo-paths:\s*allow\b[\s:—–-]*(.*)$/;

// Absolute paths. The look-behind keeps out URLs' paths (a host followed by a user folder) and
// relative paths (a/<folder>/b); a preceding '/' is allowed so that file:// URLs count.
const PATH_CHARS = String.raw`[^\s'"\`)\]},;<>|*]*`;
const USER_PATH = new RegExp(
  String.raw`(?<![\w.~$%@+-])(\/(?:${USER_FOLDERS.join('|')})\/${PATH_CHARS}|[A-Za-z]:\\{1,2}(?=\w)${PATH_CHARS})`,
  'g',
);
const SYSTEM_PATH = new RegExp(
  String.raw`(?<![\w.~$%@+-])(\/(?:usr|opt|etc|var|mnt|srv|bin|sbin|dev|proc|lib|lib64|private|Volumes|media|snap|nix)\/${PATH_CHARS})`,
  'g',
);
// Relative paths that start by climbing: ../x, ..\x (a preceding path character means it is the
// middle of a longer path, e.g. $dir/../x or https://host/../x).
const CLIMB = /(?<![\w.~$%@+/\\-])((?:\.\.[/\\])+[\w@.+\-/\\]*)/g;
const CLIMB_IN_TEMPLATE = /\$\{(?:__dirname|import\.meta\.dirname)\}\/((?:\.\.\/)+[\w@.+\-/]*)/g;
// path.resolve(…) / path.join(…) and bare resolve(…) / join(…) imported from node:path.
const PATH_CALL = /(?:\bpath(?:\.posix)?\.(?:resolve|join)|(?<![\w.$])(?:resolve|join))\s*\(/g;
const VAR_DECL = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*/g;

const inside = (root, target) => {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

function lineOf(text, index) {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The arguments of the call whose '(' is at text[open], split at top-level commas (or null). */
function callArguments(text, open) {
  const args = [];
  let depth = 0;
  let quote = null;
  let start = open + 1;
  for (let i = open; i < text.length && i < open + 2000; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return args.filter((arg) => arg !== '');
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return null;
}

const literal = (arg) => {
  const match = /^(['"`])([^'"`$\\]*)\1$/.exec(arg);
  return match ? match[2] : null;
};

/**
 * The folder an expression names, when it can be told from the source alone: the file's own folder
 * (__dirname, import.meta.dirname, dirname(fileURLToPath(import.meta.url))), the repository's root
 * (process.cwd(), a variable called root/repoRoot/ROOT), a variable set from one of those, or a
 * path.resolve/join of them with string literals.
 */
function evaluate(expression, context) {
  const expr = expression.trim();
  if (
    /^(?:__dirname|import\.meta\.dirname|(?:path\.)?dirname\((?:fileURLToPath|url\.fileURLToPath)\(import\.meta\.url\)\))$/.test(
      expr,
    )
  ) {
    return context.fileDir;
  }
  if (/^process\.cwd\(\)$/.test(expr)) return context.root;
  if (/^[A-Za-z_$][\w$]*$/.test(expr)) {
    if (context.names.has(expr)) return context.names.get(expr);
    if (/^(?:repo_?)?root(?:_?dir)?$/i.test(expr)) return context.root;
    return null;
  }
  const call = /^(?:path(?:\.posix)?\.)?(resolve|join)\s*\(/.exec(expr);
  if (call) {
    const args = callArguments(expr, call[0].length - 1);
    if (!args || args.length === 0) return null;
    return composeCall(args, context)?.target ?? null;
  }
  return null;
}

/** path.resolve/join(base, 'a', '..', …): the folder it names (literal arguments up to the first other one). */
function composeCall(args, context) {
  let base = evaluate(args[0], context);
  let rest = args.slice(1);
  if (base === null) {
    if (literal(args[0]) === null) return null;
    base = context.root; // a relative literal first: relative to the working directory, the root
    rest = args;
  }
  const parts = [];
  for (const arg of rest) {
    const value = literal(arg);
    if (value === null) break;
    // An absolute argument starts afresh; absolute paths are checked on their own.
    if (path.isAbsolute(value) || /^[A-Za-z]:[\\/]/.test(value)) return null;
    parts.push(value);
  }
  return { target: path.resolve(base, ...parts), written: parts.join('/') };
}

function allowedByData(file, written) {
  if (file.startsWith('tests/') && INVENTED_TEST_PATHS.some((prefix) => written.startsWith(prefix)))
    return true;
  return FILE_ALLOWLIST.some(
    (entry) => entry.file === file && entry.prefixes.some((prefix) => written.startsWith(prefix)),
  );
}

function allowedBenchDataset(file, target, root) {
  return file.startsWith('bench/') && inside(path.resolve(root, BENCH_DATASETS), target);
}

/** Whether a module or file path exists, trying the extensions an import may leave out. */
function existsLoosely(target) {
  const stem = target.replace(/[/\\]+$/, '');
  return [
    '',
    '.ts',
    '.tsx',
    '.mts',
    '.js',
    '.mjs',
    '.cjs',
    '.json',
    '/index.ts',
    '/index.tsx',
    '/index.js',
  ].some((ext) => fs.existsSync(stem + ext));
}

/** The findings ({ file, line, path, message }) of one file's text. `file` is relative to `root`, with '/'. */
export function checkText(root, file, text) {
  const findings = [];
  const isCode = CODE.test(file);
  const isDoc = DOCS.test(file);
  const fileDir = path.dirname(path.join(root, file));
  // Scripts under .ci/ change to the repository's root first; everything else is read from its folder.
  const base = file.startsWith('.ci/') ? root : fileDir;
  const lines = text.split('\n');
  const report = (index, written, message) => {
    const line = lineOf(text, index);
    const source = lines[line - 1] ?? '';
    const mark = ALLOW_MARK.exec(source);
    if (mark && mark[1].trim() !== '') return;
    if (mark) message += ' (a "repo-paths: allow" needs a reason after it)';
    if (findings.some((f) => f.line === line && f.path === written)) return;
    findings.push({ file, line, path: written, message, source: source.trim() });
  };

  for (const match of text.matchAll(USER_PATH)) {
    const written = match[1];
    if (isDoc && written.startsWith(at('tmp', ''))) continue; // docs may show a temp-folder example
    if (SYSTEM_ALLOWLIST.some((prefix) => written.startsWith(prefix)) || allowedByData(file, written))
      continue;
    report(match.index, written, 'an absolute path into a user or work folder');
  }
  if (!isDoc) {
    for (const match of text.matchAll(SYSTEM_PATH)) {
      const written = match[1];
      if (SYSTEM_ALLOWLIST.some((prefix) => written.startsWith(prefix)) || allowedByData(file, written))
        continue;
      report(match.index, written, 'an absolute path that is not on the system-tool allowlist');
    }
  }

  const checkRelative = (index, written, from) => {
    if (allowedByData(file, written)) return;
    const target = path.resolve(from, written.replace(/\\/g, '/'));
    if (allowedBenchDataset(file, target, root)) return;
    if (!inside(root, target)) {
      report(
        index,
        written,
        `climbs above the repository (to ${path.relative(root, target).replace(/\\/g, '/')})`,
      );
    } else if (SIBLING_SHARED.test(written) && !existsLoosely(target)) {
      // A shared/ path that is not this repository's shared/: read from elsewhere (a root variable,
      // the working directory), it is the workspace's shared folder beside the repository.
      const fromRoot = path.resolve(root, written);
      if (!inside(root, fromRoot) && !allowedBenchDataset(file, fromRoot, root)) {
        report(
          index,
          written,
          `the shared folder it names is not in the repository (from the root it is ${path.relative(root, fromRoot)})`,
        );
      }
    }
  };
  for (const match of text.matchAll(CLIMB)) checkRelative(match.index, match[1], base);
  if (isCode) {
    for (const match of text.matchAll(CLIMB_IN_TEMPLATE)) checkRelative(match.index, match[1], fileDir);

    // Variables that name folders (const root = path.resolve(__dirname, '../..')), in order.
    const context = { root, fileDir, names: new Map() };
    const declarations = [...text.matchAll(VAR_DECL)].map((m) => ({ name: m[1], at: m.index + m[0].length }));
    for (const { name, at } of declarations) {
      const end = text.indexOf('\n', at);
      let expression = text.slice(at, end === -1 ? undefined : end).replace(/;\s*(\/\/.*)?$/, '');
      if (/^(?:path(?:\.posix)?\.)?(?:resolve|join)\s*\(/.test(expression)) {
        const open = expression.indexOf('(');
        const args = callArguments(text, at + open);
        if (args) expression = expression.slice(0, open) + '(' + args.join(', ') + ')';
      }
      const value = evaluate(expression, context);
      if (value !== null) context.names.set(name, value);
    }
    for (const match of text.matchAll(PATH_CALL)) {
      const args = callArguments(text, match.index + match[0].length - 1);
      if (!args || args.length === 0) continue;
      const composed = composeCall(args, context);
      if (!composed || composed.written === '') continue;
      if (allowedByData(file, composed.written) || allowedBenchDataset(file, composed.target, root)) continue;
      if (!inside(root, composed.target)) {
        report(
          match.index,
          composed.written,
          `climbs above the repository (to ${path.relative(root, composed.target)})`,
        );
      }
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

/** Every file to read, relative to root with '/'. */
export function listFiles(root) {
  let files;
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
    files = [...new Set(out.split('\0').filter(Boolean))];
  } catch {
    files = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (
            ![
              '.git',
              'node_modules',
              'dist',
              'release',
              'test-results',
              'playwright-report',
              'coverage',
            ].includes(entry.name)
          )
            walk(rel);
        } else if (entry.isFile()) files.push(rel);
      }
    };
    walk('');
  }
  return files.filter((file) => !SKIP.some((pattern) => pattern.test(file))).sort();
}

/** The findings of every file under root. */
export function checkRepository(root) {
  const findings = [];
  for (const file of listFiles(root)) {
    const full = path.join(root, file);
    let bytes;
    try {
      if (!fs.statSync(full).isFile()) continue;
      bytes = fs.readFileSync(full);
    } catch {
      continue; // deleted in the working tree
    }
    if (bytes.subarray(0, 8192).includes(0)) continue; // binary (e.g. tests/fixtures/project-files/*.factcheck)
    findings.push(...checkText(root, file, bytes.toString('utf8')));
  }
  return findings;
}

function main(argv) {
  const rootFlag = argv.indexOf('--root');
  const root = path.resolve(
    rootFlag === -1 ? path.join(path.dirname(fileURLToPath(import.meta.url)), '..') : argv[rootFlag + 1],
  );
  const findings = checkRepository(root);
  if (findings.length === 0) {
    console.log('check-repo-paths: every path stays inside the repository.');
    return 0;
  }
  console.error(`check-repo-paths: ${findings.length} path(s) leave the repository:`);
  for (const f of findings) console.error(`${f.file}:${f.line}: ${f.path}: ${f.message}\n    ${f.source}`);
  console.error(
    '\nKeep what the tests read inside the repository (sample articles: tests/fixtures/articles, via tests/support/fixtures.ts).' +
      '\nA line that must stay may end with a comment "repo-paths: allow <reason>"; system tools and invented test data are listed in scripts/check-repo-paths.mjs.',
  );
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
