/**
 * A second (and third) process writing to one library, for tests/unit/main/contention.test.ts.
 * Bundled by the test with esbuild and forked: it opens the library with the app's openLibrary and
 * writes through the app's RepoContext.tx and repositories, so the test runs the real transaction
 * code in processes of their own.
 *
 * argv: <library file> <project id> <increments>. Sends 'ready', waits for 'go', then increments the
 * number in the project's title that many times, each a read then a write in one transaction, and
 * sends { done, failures } back.
 */
import { openLibrary } from '../../main/db/open';
import { toAppError } from '../../main/errors';
import { createRepoContext } from '../../main/repositories/context';
import { getProject, updateProject } from '../../main/repositories/projects';

export interface WorkerReport {
  done: number;
  failures: string[];
}

const [file, projectId, countArg] = process.argv.slice(2);
const count = Number(countArg);
const pause = new Int32Array(new SharedArrayBuffer(4));

function run(): WorkerReport {
  const { db } = openLibrary(file!);
  const ctx = createRepoContext(db, { author: () => `worker ${process.pid}` });
  const report: WorkerReport = { done: 0, failures: [] };
  try {
    for (let i = 0; i < count; i++) {
      try {
        ctx.tx(() => {
          const current = Number(getProject(ctx, projectId!).title);
          // Hold the read a moment, so the other process commits in between as often as can be.
          if (i % 3 === 0) Atomics.wait(pause, 0, 0, 1);
          updateProject(ctx, projectId!, { title: String(current + 1) });
        });
        report.done++;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        report.failures.push(`${String(code)}: ${toAppError(error).message}`);
      }
    }
  } finally {
    db.close();
  }
  return report;
}

process.on('message', (message) => {
  if (message !== 'go') return;
  let report: WorkerReport;
  try {
    report = run();
  } catch (error) {
    report = {
      done: 0,
      failures: [`could not run: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  process.send!(report, () => process.disconnect());
});
process.send!('ready');
