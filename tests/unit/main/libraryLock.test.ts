import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireLibraryLock, currentLockOwner, LOCK_FILE_NAME } from '../../../main/db/libraryLock';
import type { Library } from '../../../main/library';
import { exportProjectToFile } from '../../../main/projectFiles/exportProject';
import { runProjectCli } from '../../../main/projectFiles/cli';
import { runReportCli } from '../../../main/reports/cli';
import { ApiCallError } from '../../../shared/api/client';
import { openTestLibrary, tempDir } from '../../support/library';

const ROOT = path.resolve(__dirname, '../../..');
const inUse = (pid: number) =>
  `This library is open in another window or program (pid ${pid}). Close it there first.`;

const open: Library[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function openHeld(dataDir = tempDir('factcheck-lock-')) {
  const opened = openTestLibrary(dataDir);
  open.push(opened.library);
  return opened;
}

/** The pid of a process that has just exited. */
function deadPid(): number {
  const pid = Number(
    execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }),
  );
  expect(() => process.kill(pid, 0)).toThrow();
  return pid;
}

function writeLock(dataDir: string, owner: object): string {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  fs.writeFileSync(file, JSON.stringify(owner));
  return file;
}

describe('one program per library', () => {
  it('refuses a second open of the same folder, with a registry that answers every call with the reason', async () => {
    const { dataDir, api } = openHeld();
    await api.call('projects.create', { title: 'Mine' });
    const lockFile = path.join(dataDir, LOCK_FILE_NAME);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({
      pid: process.pid,
      hostname: os.hostname(),
    });

    const second = openTestLibrary(dataDir);
    open.push(second.library);
    expect(second.library.openError).toMatchObject({ code: 'conflict', message: inUse(process.pid) });
    expect(second.library.db).toBeNull();
    for (const call of [
      () => second.api.call('projects.list', {}),
      () => second.api.call('projects.create', { title: 'Not saved' }),
    ]) {
      const error = await call().then(
        () => expect.fail('a call to a library open elsewhere succeeded'),
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ApiCallError);
      expect(error).toMatchObject({ code: 'conflict', message: inUse(process.pid) });
    }
    // The refused open did not take the lock away from the first.
    second.library.close();
    expect(currentLockOwner(dataDir)).toMatchObject({ pid: process.pid });
    expect((await api.call('projects.list', {})).map((p) => p.title)).toEqual(['Mine']);
  });

  it('releases the lock on close, so the library opens again', async () => {
    const first = openTestLibrary(tempDir('factcheck-lock-'));
    await first.api.call('projects.create', { title: 'Kept' });
    first.library.close();
    first.library.close();
    expect(fs.existsSync(path.join(first.dataDir, LOCK_FILE_NAME))).toBe(false);
    const again = openHeld(first.dataDir);
    expect(again.library.openError).toBeNull();
    expect((await again.api.call('projects.list', {})).map((p) => p.title)).toEqual(['Kept']);
  });

  it('takes over the lock of a process that died', async () => {
    const dataDir = tempDir('factcheck-lock-');
    const pid = deadPid();
    writeLock(dataDir, {
      pid,
      startedAt: new Date().toISOString(),
      hostname: os.hostname(),
      token: 'crashed',
    });
    const { library, api } = openHeld(dataDir);
    expect(library.openError).toBeNull();
    await api.call('projects.create', { title: 'After the crash' });
    expect(currentLockOwner(dataDir)).toMatchObject({ pid: process.pid });
    library.close();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')(
    'takes over a lock whose pid now belongs to a process started at another time',
    () => {
      const dataDir = tempDir('factcheck-lock-');
      // Our own pid, but "started" a day ago: the pid was reused after the owner died.
      writeLock(dataDir, {
        pid: process.pid,
        startedAt: new Date(Date.now() - 86_400_000).toISOString(),
        hostname: os.hostname(),
        token: 'old',
      });
      const { library } = openHeld(dataDir);
      expect(library.openError).toBeNull();
    },
  );

  it('waits for a lock that is being written, and clears an unreadable one that is old', () => {
    const dataDir = tempDir('factcheck-lock-');
    const file = path.join(dataDir, LOCK_FILE_NAME);
    fs.writeFileSync(file, '');
    expect(() => acquireLibraryLock(dataDir)).toThrowError(
      'This library is open in another window or program. Close it there first.',
    );
    const aMinuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(file, aMinuteAgo, aMinuteAgo);
    const lock = acquireLibraryLock(dataDir);
    expect(currentLockOwner(dataDir)?.token).toBe(lock.owner.token);
    lock.release();
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('trusts a lock held on another computer (a shared folder) and names it', () => {
    const dataDir = tempDir('factcheck-lock-');
    writeLock(dataDir, {
      pid: deadPid(),
      startedAt: new Date().toISOString(),
      hostname: 'another-computer',
      token: 'remote',
    });
    expect(() => acquireLibraryLock(dataDir)).toThrowError(
      /\(pid \d+ on another-computer\)\. Close it there first\.$/,
    );
  });

  it('does not remove a lock taken over by someone else when the old holder closes', () => {
    const dataDir = tempDir('factcheck-lock-');
    const lock = acquireLibraryLock(dataDir);
    const file = writeLock(dataDir, {
      pid: process.pid,
      startedAt: lock.owner.startedAt,
      hostname: os.hostname(),
      token: 'the new holder',
    });
    lock.release();
    expect(fs.readFileSync(file, 'utf8')).toContain('the new holder');
  });

  describe('in another process', () => {
    let bundle: string;
    beforeAll(async () => {
      bundle = path.join(tempDir('factcheck-lock-bundle-'), 'libraryLock.cjs');
      await build({
        entryPoints: [path.join(ROOT, 'main/db/libraryLock.ts')],
        outfile: bundle,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        logLevel: 'silent',
      });
    });
    afterAll(() => fs.rmSync(path.dirname(bundle), { recursive: true, force: true }));

    it('is released when the process exits without closing, and refused while it runs', () => {
      const dataDir = tempDir('factcheck-lock-');
      const script = `const lock = require(${JSON.stringify(bundle)}).acquireLibraryLock(${JSON.stringify(dataDir)});
        process.stdout.write(require('node:fs').readFileSync(lock.path, 'utf8'));`;
      const written = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as {
        pid: number;
      };
      expect(written.pid).not.toBe(process.pid);
      expect(fs.readdirSync(dataDir)).toEqual([]);

      // While the other process holds it, this one is refused with that process's pid.
      const holder = `require(${JSON.stringify(bundle)}).acquireLibraryLock(${JSON.stringify(dataDir)});
        process.stdout.write('held'); setTimeout(() => {}, 30000); process.stdin.on('data', () => process.exit(0));`;
      const child = spawn(process.execPath, ['-e', holder], { stdio: ['pipe', 'pipe', 'inherit'] });
      return new Promise<void>((resolve, reject) => {
        child.stdout!.once('data', () => {
          try {
            expect(() => acquireLibraryLock(dataDir)).toThrowError(inUse(child.pid!));
          } catch (error) {
            reject(error as Error);
          }
          child.stdin!.write('bye');
        });
        child.once('exit', () => {
          try {
            expect(fs.readdirSync(dataDir)).toEqual([]);
            resolve();
          } catch (error) {
            reject(error as Error);
          }
        });
      });
    });
  });
});

describe('the command-line tools and the lock', () => {
  it('refuses a project import while the library is open, and makes reports from it all the same', async () => {
    const { dataDir, api, library } = openHeld();
    const project = await api.call('projects.create', { title: 'Shared' });
    const file = path.join(tempDir('factcheck-lock-out-'), 'shared.factcheck');
    exportProjectToFile(library.ctx!, project.id, file, { appVersion: 'test' });

    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
      env: {},
      appVersion: 'test',
    };
    expect(await runProjectCli(['import', file, '--as-copy', '--data', dataDir], io)).toBe(1);
    expect(err).toEqual([inUse(process.pid)]);
    expect((await api.call('projects.list', {})).map((p) => p.title)).toEqual(['Shared']);

    let stdout = '';
    let stderr = '';
    const report = path.join(path.dirname(file), 'report.html');
    const code = await runReportCli(['Shared', '--format', 'html', '--out', report, '--data', dataDir], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env: {},
      printer: { print: async () => Buffer.from('%PDF-1.7 unused') },
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(report);
    expect(currentLockOwner(dataDir)).toMatchObject({ pid: process.pid });

    library.close();
    err.length = 0;
    expect(await runProjectCli(['import', file, '--as-copy', '--data', dataDir], io)).toBe(0);
    expect(err).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });
});
