import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors';
import {
  describeWriteError,
  nodeAtomicWriteFs,
  writeFileAtomic,
  type AtomicWriteFs,
} from '../../../main/files/atomicWrite';
import { defaultDataDir, LIBRARY_FILE_NAME, libraryPath } from '../../../main/files/dataFolder';
import { safeFileName, safeFileStem, withExtension } from '../../../main/files/fileNames';
import { projectFileName } from '../../../main/projectFiles/exportProject';
import { reportFileName } from '../../../main/reports/exportReport';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Everything in the folder but the given names: temporary files a write left behind. */
const leftovers = (folder: string, ...expected: string[]) =>
  fs.readdirSync(folder).filter((name) => !expected.includes(name));

const fsError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** A file system that fails in one call, after the real calls before it have run. */
function failing(call: keyof AtomicWriteFs, code: string, partial = false): AtomicWriteFs {
  return {
    ...nodeAtomicWriteFs,
    [call]: (...args: unknown[]) => {
      if (call === 'write' && partial) {
        const [fd, data] = args as [number, Uint8Array];
        fs.writeSync(fd, data, 0, 3);
      }
      throw fsError(code);
    },
  };
}

const catchError = (fn: () => void): AppError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the write to fail');
};

describe('writeFileAtomic', () => {
  it('replaces an existing file whole and leaves nothing else', () => {
    const target = path.join(dir, 'report.html');
    fs.writeFileSync(target, 'old');
    writeFileAtomic(target, 'new');
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...fs.readFileSync(target)]).toEqual([1, 2, 3]);
    expect(leftovers(dir, 'report.html')).toEqual([]);
  });

  it.each([
    ['open', 'EACCES', 'storage_read_only'],
    ['write', 'ENOSPC', 'storage_full'],
    ['fsync', 'EIO', 'internal'],
    ['close', 'EIO', 'internal'],
    ['rename', 'EPERM', 'storage_read_only'],
  ] as const)('keeps the old file intact and removes the temp file when %s fails (%s)', (call, code, appCode) => {
    const target = path.join(dir, 'report.pdf');
    fs.writeFileSync(target, 'the last good report');
    const error = catchError(() =>
      writeFileAtomic(target, Buffer.from('a much longer new report'), { what: 'report', fs: failing(call, code, true) }),
    );
    expect(error.code).toBe(appCode);
    expect(error.message).toMatch(/report/);
    expect(fs.readFileSync(target, 'utf8')).toBe('the last good report');
    expect(leftovers(dir, 'report.pdf')).toEqual([]);
  });

  it('says the disk is full, and that nothing was written', () => {
    const target = path.join(dir, 'p.factcheck');
    const error = catchError(() =>
      writeFileAtomic(target, 'x'.repeat(10_000), { what: 'project file', fs: failing('write', 'ENOSPC', true) }),
    );
    expect(error.message).toMatch(/disk is full, so the project file was not saved.*nothing was written/);
    expect(fs.existsSync(target)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses a target that is a folder, and a folder that does not exist, writing nothing', () => {
    fs.mkdirSync(path.join(dir, 'taken.pdf'));
    expect(catchError(() => writeFileAtomic(path.join(dir, 'taken.pdf'), 'x', { what: 'report' }))).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/is a folder\. Choose a file name for the report/),
    });
    expect(catchError(() => writeFileAtomic(path.join(dir, 'no', 'such', 'report.pdf'), 'x'))).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/does not exist/),
    });
    fs.writeFileSync(path.join(dir, 'a-file'), 'x');
    expect(catchError(() => writeFileAtomic(path.join(dir, 'a-file', 'report.pdf'), 'x')).message).toMatch(
      /does not exist/,
    );
    expect(leftovers(dir, 'taken.pdf', 'a-file')).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'taken.pdf'))).toEqual([]);
  });

  it('says clearly when the folder cannot be written to', () => {
    // As root, permissions do not stop a write, but a read-only file system (sysfs) does.
    const readOnlyDir = process.getuid?.() === 0 ? '/sys' : path.join(dir, 'locked');
    if (readOnlyDir !== '/sys') {
      fs.mkdirSync(readOnlyDir);
      fs.chmodSync(readOnlyDir, 0o555);
    }
    const error = catchError(() => writeFileAtomic(path.join(readOnlyDir, 'report.pdf'), 'x', { what: 'report' }));
    expect(error.code).toBe('storage_read_only');
    expect(error.message).toMatch(/The report cannot be saved in .*Choose another folder; nothing was written\./);
    expect(fs.existsSync(path.join(readOnlyDir, 'report.pdf'))).toBe(false);
    if (readOnlyDir !== '/sys') expect(fs.readdirSync(readOnlyDir)).toEqual([]);
  });

  it('keeps the temporary name within file-system limits for a long target name', () => {
    const target = path.join(dir, `${'n'.repeat(240)}.md`);
    writeFileAtomic(target, 'long');
    expect(fs.readFileSync(target, 'utf8')).toBe('long');
    expect(leftovers(dir, path.basename(target))).toEqual([]);
  });

  it('describes each failure for a person', () => {
    const message = (code: string) => describeWriteError(fsError(code), '/media/cd/report.pdf', 'report').message;
    expect(message('EROFS')).toMatch(/drive is read-only/);
    expect(message('ENAMETOOLONG')).toMatch(/too long/);
    expect(message('EWHATEVER')).toMatch(/The report could not be saved to \/media\/cd\/report\.pdf \(EWHATEVER\)/);
    const own = new AppError('conflict', 'as it was');
    expect(describeWriteError(own, '/x')).toBe(own);
  });
});

describe('file names', () => {
  it('makes a title safe as a file name on every system', () => {
    expect(safeFileStem('Kremlin on DPRK', 'Project')).toBe('Kremlin on DPRK');
    expect(safeFileStem('a/b\\c: "d"?|e<f>*', 'Project')).toBe('a b c d e f');
    expect(safeFileStem('tab\there\u0000nul\u007fdel', 'Project')).toBe('tab here nul del');
    expect(safeFileStem('  ..hidden.. ', 'Project')).toBe('hidden');
    expect(safeFileStem(' .. ', 'Project')).toBe('Project');
    expect(safeFileStem('nul', 'Project')).toBe('nul project');
    expect(safeFileStem('COM1', 'Report')).toBe('COM1 report');
    expect(safeFileStem('x'.repeat(400), 'Project')).toBe('x'.repeat(120));
    // The cut never splits a character outside the BMP.
    expect(safeFileStem(`${'x'.repeat(119)}😀😀`, 'Project')).toBe(`${'x'.repeat(119)}😀`);
    expect(safeFileStem('Cafe\u0301', 'Project')).toBe('Café');
  });

  it('keeps a plain extension of a whole file name', () => {
    expect(safeFileName('Peskov: briefing.factcheck')).toBe('Peskov briefing.factcheck');
    expect(safeFileName('../../etc/passwd')).toBe('etc passwd');
    expect(safeFileName('CON.pdf')).toBe('CON untitled.pdf');
    expect(safeFileName('???')).toBe('Untitled');
  });

  it('adds an extension to a chosen name that has none', () => {
    expect(withExtension('/home/ana/report', 'pdf')).toBe('/home/ana/report.pdf');
    expect(withExtension('/home/ana/report.html', 'pdf')).toBe('/home/ana/report.html');
  });

  it('names project files and reports after the project', () => {
    expect(projectFileName('Kremlin on DPRK')).toBe('Kremlin on DPRK.factcheck');
    expect(projectFileName('CON')).toBe('CON project.factcheck');
    expect(reportFileName('Peskov on North Korean troops', 'pdf')).toBe('Peskov on North Korean troops report.pdf');
    expect(reportFileName('a/b:c*?"<>|d', 'jsonld')).toBe('a b c d report.jsonld');
    expect(reportFileName('...', 'csv')).toBe('Fact-check report.csv');
  });
});

describe('the data folder', () => {
  it('holds library.sqlite', () => {
    expect(LIBRARY_FILE_NAME).toBe('library.sqlite');
    expect(libraryPath('/data/fc')).toBe(path.join('/data/fc', 'library.sqlite'));
  });

  it('is the app’s user-data folder on each platform, unless FACTCHECK_USER_DATA_DIR says otherwise', () => {
    const on = (platform: NodeJS.Platform, env: Record<string, string>, home: string) =>
      defaultDataDir({ platform, env, home });
    expect(on('linux', {}, '/home/ana')).toBe('/home/ana/.config/Factcheck Workbench');
    expect(on('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe('/xdg/Factcheck Workbench');
    expect(on('linux', { XDG_CONFIG_HOME: '' }, '/home/ana')).toBe('/home/ana/.config/Factcheck Workbench');
    expect(on('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Factcheck Workbench');
    expect(on('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Factcheck Workbench',
    );
    expect(on('win32', {}, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Factcheck Workbench');
    expect(on('linux', { FACTCHECK_USER_DATA_DIR: '/data/fc' }, '/home/ana')).toBe('/data/fc');
  });
});
