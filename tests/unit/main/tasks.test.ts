import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../../shared/api/contract.tasks';
import { AppError } from '../../../main/errors';
import { exportProjectToFile } from '../../../main/projectFiles/exportProject';
import { applyImport, readProjectFileFromPath } from '../../../main/projectFiles/importProject';
import type { EventSink } from '../../../main/services/events';
import { createCancelFlags, runTask, startTask } from '../../../main/tasks/tasks';
import { writeBigProjectFile } from '../../support/bigProjectFile';
import { openTestLibrary, tempDir } from '../../support/library';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const newDir = () => {
  const dir = tempDir('factcheck-tasks-');
  dirs.push(dir);
  return dir;
};

/** An event sink that keeps the task.progress events, and may act on each. */
function progressSink(onEvent: (event: TaskProgress) => void = () => undefined) {
  const events: TaskProgress[] = [];
  const sink: EventSink = {
    emit(channel, payload) {
      if (channel !== 'task.progress') return;
      events.push(payload as TaskProgress);
      onEvent(payload as TaskProgress);
    },
  };
  return { events, sink };
}

const CANCELLED = 'The import was cancelled. Nothing in your library was changed.';

describe('tasks', () => {
  it('without a taskId nothing is reported and nothing can stop it', () => {
    const { events, sink } = progressSink();
    const flags = createCancelFlags();
    const task = startTask({ events: sink, cancelFlags: flags }, undefined, CANCELLED);
    task.stage('Writing', 10);
    for (let i = 0; i < 1000; i++) task.step();
    task.finish();
    expect(task.id).toBeNull();
    expect(events).toEqual([]);
  });

  it('reports each stage, steps at most every 100 ms, and done = total at the end', () => {
    const { events, sink } = progressSink();
    let clock = 0;
    const task = startTask({ events: sink, cancelFlags: createCancelFlags(), now: () => clock }, 'task-1', CANCELLED);
    task.stage('Reading', 0);
    task.stage('Writing', 10_000);
    for (let i = 0; i < 10_000; i++) {
      clock += 0.05; // 20 steps a millisecond: 500 ms in all
      task.step();
    }
    task.finish();
    expect(events[0]).toEqual({ taskId: 'task-1', label: 'Reading', done: 0, total: 0 });
    expect(events[1]).toEqual({ taskId: 'task-1', label: 'Writing', done: 0, total: 10_000 });
    expect(events.at(-1)).toEqual({ taskId: 'task-1', label: 'Writing', done: 10_000, total: 10_000 });
    const during = events.slice(2, -1);
    expect(during.length).toBeGreaterThanOrEqual(4);
    expect(during.length).toBeLessThanOrEqual(6);
  });

  it('a cancel, even one sent before the task began, stops it at its next check with the cancelled error', async () => {
    const flags = createCancelFlags();
    flags.cancel('early');
    await expect(runTask({ cancelFlags: flags }, 'early', CANCELLED, (task) => task.stage('Reading'))).rejects.toEqual(
      new AppError('cancelled', CANCELLED),
    );
    // Forgotten once the task is over: the same id may run again.
    await expect(runTask({ cancelFlags: flags }, 'early', CANCELLED, () => 'done')).resolves.toBe('done');
  });
});

describe('a cancelled import or export leaves nothing behind', () => {
  it('an import cancelled mid-write rolls back every row; run again, it writes them all', () => {
    const dir = newDir();
    const file = path.join(dir, 'big.factcheck');
    writeBigProjectFile(file, 20);
    const contents = readProjectFileFromPath(file);
    const { library } = openTestLibrary(newDir());
    try {
      const ctx = library.ctx!;
      const dump = () =>
        JSON.stringify(
          ['projects', 'verdicts', 'articles', 'claims', 'sources', 'changes'].map((table) =>
            ctx.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().all(),
          ),
        );
      const before = dump();
      const flags = createCancelFlags();
      // Cancelled from the first progress report with rows written (as the window's Cancel would).
      const { events, sink } = progressSink((event) => {
        if (event.label.startsWith('Writing') && event.done > 0) flags.cancel(event.taskId);
      });
      const task = startTask({ events: sink, cancelFlags: flags, now: () => performance.now() * 1000 }, 'import-1', CANCELLED);
      expect(() => applyImport(ctx, contents, { task })).toThrowError(new AppError('cancelled', CANCELLED));
      const stoppedAt = events.at(-1)!;
      expect(stoppedAt.done).toBeGreaterThan(0);
      expect(stoppedAt.done).toBeLessThan(stoppedAt.total);
      expect(dump()).toBe(before);
      expect(ctx.db.inTransaction).toBe(false);

      const { events: whole, sink: wholeSink } = progressSink();
      const summary = applyImport(ctx, contents, { task: startTask({ events: wholeSink, cancelFlags: flags }, 'import-2', CANCELLED) });
      expect(summary.added.claims).toBe(2_000);
      const writes = whole.filter((event) => event.label.startsWith('Writing'));
      expect(writes[0]).toMatchObject({ done: 0, total: stoppedAt.total });
    } finally {
      library.close();
    }
  });

  it('an export cancelled before the rename leaves no file and no temporary file', async () => {
    const { library, api } = openTestLibrary(newDir());
    const out = newDir();
    try {
      const project = await api.call('projects.create', { title: 'Not exported' });
      const flags = createCancelFlags();
      const { sink } = progressSink((event) => {
        if (event.label === 'Writing the file') flags.cancel(event.taskId);
      });
      const target = path.join(out, 'Not exported.factcheck');
      await expect(
        runTask({ events: sink, cancelFlags: flags }, 'export-1', 'The export was cancelled. No file was written.', (task) =>
          exportProjectToFile(library.ctx!, project.id, target, { appVersion: 'test', task }),
        ),
      ).rejects.toMatchObject({ code: 'cancelled' });
      expect(fs.readdirSync(out)).toEqual([]);
    } finally {
      library.close();
    }
  });
});
