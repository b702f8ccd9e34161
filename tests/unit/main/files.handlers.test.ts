import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../main/files/atomicWrite';
import { createShellRecorder, type ShellRecorder } from '../../../main/harness/shellRecorder';
import { openLibraryApi, type Library } from '../../../main/library';
import type { FileDialogs } from '../../../main/services/dialogs';
import { createApiClient, type ApiClient } from '../../../shared/api/client';
import { expectError } from '../../support/apiHelpers';
import { noPrinter, tempDir } from '../../support/library';

let dir: string;
let library: Library;
let api: ApiClient;
let shell: ShellRecorder;

beforeEach(() => {
  dir = tempDir('factcheck-files-');
  shell = createShellRecorder();
  const dialogs: FileDialogs = {
    chooseSavePath: async ({ defaultName }) => path.join(dir, defaultName),
    chooseOpenPath: async () => null,
  };
  library = openLibraryApi({ dataDir: path.join(dir, 'data'), appVersion: 'test', dialogs, printer: noPrinter, shell, validateResponses: true, log: () => undefined });
  api = createApiClient({ invoke: (channel, request) => library.registry.dispatch(channel, request), subscribe: () => () => undefined });
});
afterEach(() => library.close());

describe('files.showInFolder and files.open', () => {
  it('pass a file the app just exported to the system, and nothing else', async () => {
    const project = await api.call('projects.create', { title: 'Budget claims' });
    const saved = await api.call('projectFiles.export', { projectId: project.id });
    expect(saved).not.toBeNull();
    await api.call('files.showInFolder', { path: saved!.path });
    await api.call('files.open', { path: saved!.path });
    expect(shell.requests()).toEqual([
      { action: 'showInFolder', path: path.resolve(saved!.path) },
      { action: 'open', path: path.resolve(saved!.path) },
    ]);
  });

  it('refuse a path the app did not write in this session', async () => {
    const stranger = path.join(dir, 'notes.txt');
    fs.writeFileSync(stranger, 'written by someone else');
    await expectError(api.call('files.showInFolder', { path: stranger }), 'forbidden', /Only files this app saved/);
    await expectError(api.call('files.open', { path: '/etc/passwd' }), 'forbidden');
    expect(shell.requests()).toEqual([]);
  });

  it('never open a program, even one the app wrote; showing it in its folder is fine', async () => {
    const script = path.join(dir, 'run-me.sh');
    writeFileAtomic(script, '#!/bin/sh\necho hi\n');
    await expectError(api.call('files.open', { path: script }), 'forbidden', /could be a program/);
    await api.call('files.showInFolder', { path: script });
    expect(shell.requests()).toEqual([{ action: 'showInFolder', path: script }]);
  });

  it('say so when the file was moved away since', async () => {
    const report = path.join(dir, 'report.html');
    writeFileAtomic(report, '<p>report</p>');
    fs.rmSync(report);
    await expectError(api.call('files.open', { path: report }), 'not_found', /no longer there/);
  });
});
