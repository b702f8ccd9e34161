/**
 * Evidence in project files (not a test): export and import of a project carrying ~1 GB of
 * evidence files (random bytes, so incompressible and stored as they are), each beside a bare
 * zip / unzip of the same files with fflate (read in 1 MB chunks, written straight to disk), and
 * the peak RSS of each. RSS is sampled at every chunk (through the task's check(), which the export
 * and import call per chunk), so the figure is the peak during that step, not the whole process's.
 * Goal (issue 13): within 1.5× of bare, RSS under 300 MB. `npm run bench -- evidence`;
 * BENCH_EVIDENCE_MB sets the total (default 1024).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Unzip, UnzipPassThrough, Zip, ZipPassThrough } from 'fflate';
import { putFileStreaming } from '../main/attachments/store';
import { openLibrary } from '../main/db/open';
import { libraryPath } from '../main/files/dataFolder';
import { exportProjectToFile } from '../main/projectFiles/exportProject';
import { applyImport, readProjectFileFromPath } from '../main/projectFiles/importProject';
import { createProject } from '../main/repositories/projects';
import { createArticle } from '../main/repositories/articles';
import { createClaim } from '../main/repositories/claims';
import { createSource } from '../main/repositories/sources';
import { addAttachment } from '../main/repositories/attachments';
import { createRepoContext, type RepoContext } from '../main/repositories/context';
import { fileSource, readZipDirectory, streamEntry } from '../main/projectFiles/zipReader';
import type { Task } from '../main/tasks/tasks';
import { createAnchor } from '../shared/anchoring/selector';
import { formatMs, ratio } from './timing';

const MiB = 1024 * 1024;
const FILE_MB = 64;
const CHUNK = MiB;

/** The highest RSS seen at any sample since reset. */
class RssSampler {
  peak = 0;
  /** RSS when the step began: what the process held already. */
  base = 0;
  reset(): void {
    this.base = this.peak = process.memoryUsage.rss();
  }
  describe(): string {
    return `peak RSS ${mb(this.peak)} (+${mb(this.peak - this.base)} over the ${mb(this.base)} before)`;
  }
  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
  /** A task whose every check samples (export and import check once per chunk). */
  task(): Task {
    return { id: null, check: () => this.sample(), stage: () => this.sample(), step: () => this.sample(), finish: () => undefined };
  }
}

const mb = (bytes: number) => `${(bytes / MiB).toFixed(0)} MB`;

function library(dir: string): { ctx: RepoContext; close(): void } {
  fs.mkdirSync(dir, { recursive: true });
  const { db } = openLibrary(libraryPath(dir));
  return { ctx: createRepoContext(db), close: () => db.close() };
}

/** Random files of FILE_MB each, up to `totalMb`, written a chunk at a time. */
function randomFiles(dir: string, totalMb: number): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let made = 0; made < totalMb; made += FILE_MB) {
    const file = path.join(dir, `evidence-${files.length}.bin`);
    const fd = fs.openSync(file, 'w');
    for (let i = 0; i < Math.min(FILE_MB, totalMb - made); i++) fs.writeSync(fd, randomBytes(CHUNK));
    fs.closeSync(fd);
    files.push(file);
  }
  return files;
}

function bareZip(files: readonly string[], out: string, rss: RssSampler): number {
  const fd = fs.openSync(out, 'w');
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    fs.writeSync(fd, chunk);
  });
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (const file of files) {
    const entry = new ZipPassThrough(`attachments/${path.basename(file)}`);
    zip.add(entry);
    const input = fs.openSync(file, 'r');
    for (let read = fs.readSync(input, buffer); read > 0; read = fs.readSync(input, buffer)) {
      entry.push(buffer.subarray(0, read));
      rss.sample();
    }
    fs.closeSync(input);
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return fs.statSync(out).size;
}

/**
 * The floor of an unzip: each entry's bytes copied out by position (the central directory read
 * with ./zipReader), no checksum, each file fsynced. fflate's streaming Unzip (above) is slow on
 * stored entries written with data descriptors, which is how its Zip writes them.
 */
function positionalUnzip(zipFile: string, outDir: string, rss: RssSampler): void {
  fs.mkdirSync(outDir, { recursive: true });
  const source = fileSource(zipFile);
  try {
    for (const entry of readZipDirectory(source)) {
      const fd = fs.openSync(path.join(outDir, path.basename(entry.name)), 'w');
      for (const chunk of streamEntry(source, entry, entry.declaredSize)) {
        fs.writeSync(fd, chunk);
        rss.sample();
      }
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
  } finally {
    source.close();
  }
}

function bareUnzip(zipFile: string, outDir: string, rss: RssSampler): void {
  fs.mkdirSync(outDir, { recursive: true });
  const open = new Set<number>();
  const unzip = new Unzip((file) => {
    const fd = fs.openSync(path.join(outDir, path.basename(file.name)), 'w');
    open.add(fd);
    file.ondata = (error, chunk, final) => {
      if (error) throw error;
      fs.writeSync(fd, chunk);
      if (final) {
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        open.delete(fd);
      }
    };
    file.start();
  });
  unzip.register(UnzipPassThrough);
  const input = fs.openSync(zipFile, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (let read = fs.readSync(input, buffer); read > 0; read = fs.readSync(input, buffer)) {
    unzip.push(new Uint8Array(buffer.subarray(0, read)));
    rss.sample();
  }
  unzip.push(new Uint8Array(0), true);
  fs.closeSync(input);
}

export async function benchEvidence(): Promise<void> {
  const totalMb = Number(process.env.BENCH_EVIDENCE_MB ?? 1024);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-evidence-'));
  const rss = new RssSampler();
  try {
    const files = randomFiles(path.join(root, 'random'), totalMb);
    const source = library(path.join(root, 'alice'));
    const project = createProject(source.ctx, { title: 'Evidence bench' });
    const text = 'The minister said the bridge cost 2 billion.';
    const article = createArticle(source.ctx, project.id, {
      title: 'Bench',
      outlet: '',
      author: '',
      url: '',
      publishedDate: '',
      language: 'en',
      direction: 'ltr',
      text,
    });
    const claim = createClaim(source.ctx, {
      projectId: project.id,
      articleId: article.id,
      anchor: createAnchor(text, 0, text.length),
      fields: {},
    });
    const evidenceSource = createSource(source.ctx, claim.id, { title: 'Bench source' });
    for (const file of files) {
      const stored = await putFileStreaming(path.join(root, 'alice'), file);
      addAttachment(source.ctx, {
        sourceId: evidenceSource.id,
        sha256: stored.sha256,
        name: path.basename(file),
        mediaType: 'application/octet-stream',
        size: stored.size,
      });
    }
    console.log(`project: ${files.length} evidence files of ${FILE_MB} MB, ${mb(totalMb * MiB)} in all (random bytes)`);

    const out = path.join(root, 'bench.factcheck');
    rss.reset();
    let start = performance.now();
    const exported = exportProjectToFile(source.ctx, project.id, out, { appVersion: 'bench', task: rss.task() });
    const exportMs = performance.now() - start;
    const exportRss = rss.describe();

    const bareFile = path.join(root, 'bare.zip');
    rss.reset();
    start = performance.now();
    bareZip(files, bareFile, rss);
    const bareZipMs = performance.now() - start;
    const bareZipRss = rss.describe();
    console.log(`export: ${formatMs(exportMs)} (${mb(exported.bytes)} file) · ${exportRss}`);
    console.log(`  vs bare fflate zip of the same files: ${formatMs(bareZipMs)} · ${bareZipRss} · ratio ${ratio(exportMs, bareZipMs)} (goal ≤ 1.5×, RSS < 300 MB)`);
    source.close();

    const target = library(path.join(root, 'bob'));
    rss.reset();
    start = performance.now();
    const contents = readProjectFileFromPath(out);
    applyImport(target.ctx, contents, { task: rss.task() });
    const importMs = performance.now() - start;
    const importRss = rss.describe();
    target.close();

    rss.reset();
    start = performance.now();
    bareUnzip(bareFile, path.join(root, 'unzipped'), rss);
    const bareUnzipMs = performance.now() - start;
    const bareUnzipRss = rss.describe();
    fs.rmSync(path.join(root, 'unzipped'), { recursive: true, force: true });
    rss.reset();
    start = performance.now();
    positionalUnzip(bareFile, path.join(root, 'unzipped'), rss);
    const copyMs = performance.now() - start;
    const copyRss = rss.describe();
    console.log(`import (checksums verified, files stored and fsynced): ${formatMs(importMs)} · ${importRss}`);
    console.log(`  vs bare fflate streaming unzip of the same files: ${formatMs(bareUnzipMs)} · ${bareUnzipRss} · ratio ${ratio(importMs, bareUnzipMs)} (goal ≤ 1.5×, RSS < 300 MB)`);
    console.log(`  vs bare copy-out by position (no checksum): ${formatMs(copyMs)} · ${copyRss} · ratio ${ratio(importMs, copyMs)}`);
    console.log(`process peak RSS (whole bench): ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
