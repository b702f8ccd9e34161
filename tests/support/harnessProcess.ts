import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
export const HARNESS_ENTRY = path.join(repoRoot, 'dist/main/harness/cli.js');

export interface RunningHarness {
  url: string;
  dataDir: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function makeDataDir(prefix = 'factcheck-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts `npm run harness` (the built one) on a free port and waits for its "listening" line. */
export function startHarnessProcess(dataDir: string): Promise<RunningHarness> {
  if (!fs.existsSync(HARNESS_ENTRY)) throw new Error(`Run \`npm run build\` first: ${HARNESS_ENTRY} is missing.`);
  const token = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const child = spawn(process.execPath, [HARNESS_ENTRY, '--port', '0', '--data', dataDir, '--token', token], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The harness did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Harness listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          dataDir,
          token,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The harness exited with ${code}:\n${output}`));
    });
  });
}

/** Calls the harness API as the page would (for test set-up, never for assertions a user makes). */
export async function callApi<T>(harness: RunningHarness, channel: string, request: unknown): Promise<T> {
  const response = await fetch(`${harness.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
    body: JSON.stringify(request),
  });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A sample article from tests/fixtures/articles, as stored. */
export { readArticle as readFixture } from './fixtures';
