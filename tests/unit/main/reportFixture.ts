/**
 * Report test fixtures (not a test file): the sample projects created through the real
 * repositories on a real SQLite library in a temp folder, as the app would store them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnchor } from '../../../shared/anchoring';
import type { Settings } from '../../../shared/domain';
import { openLibrary, type Db } from '../../../main/db/open';
import { createArticle } from '../../../main/repositories/articles';
import { createClaim, updateClaim } from '../../../main/repositories/claims';
import { createRepoContext, type RepoContext } from '../../../main/repositories/context';
import { addCorrection } from '../../../main/repositories/editorial';
import { createProject } from '../../../main/repositories/projects';
import { writeSettings } from '../../../main/repositories/settings';
import { createSource } from '../../../main/repositories/sources';
import { listVerdicts } from '../../../main/repositories/verdicts';
import { DEFAULT_REVIEWER, readFixture, SAMPLE_SETTINGS, type ArticleSpec } from '../shared/reportSample';

export {
  AR_ARTICLE,
  KO_ARTICLE,
  NOW,
  RU_ARTICLE,
  SAMPLE_SETTINGS,
  TASS_ARTICLE,
  readFixture,
} from '../shared/reportSample';

export interface TestLibrary {
  dir: string;
  db: Db;
  ctx: RepoContext;
  close(): void;
}

export function openTempLibrary(settings: Settings = SAMPLE_SETTINGS): TestLibrary {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-report-'));
  const opened = openLibrary(path.join(dir, 'library.sqlite'));
  const ctx = createRepoContext(opened.db);
  writeSettings(ctx, settings);
  return {
    dir,
    db: opened.db,
    ctx,
    close() {
      opened.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates a project with the articles and claims of the specs; answers its id. Claims are marked
 * (numbered in spec order), get their sources and correction notes, then their status: an approved
 * one is approved by its reviewer (the approval seals the notes, so they come first). A reviewer
 * of '' (approved before reviewers were recorded) cannot be made through the repositories: such a
 * claim is approved by the default reviewer here.
 */
export function createSampleProject(
  ctx: RepoContext,
  title: string,
  specs: ArticleSpec[],
  description = '',
): string {
  // Notes and approvals record who made them: these contexts act as that person.
  const as = (author: string) => createRepoContext(ctx.db, { now: () => ctx.now(), author: () => author });
  const project = createProject(ctx, { title, description, scalePreset: 'generic' });
  const verdicts = listVerdicts(ctx, project.id);
  for (const spec of specs) {
    const text = readFixture(spec.file);
    const article = createArticle(ctx, project.id, { ...spec.meta, text });
    for (const claimSpec of spec.claims) {
      const start = text.indexOf(claimSpec.quote);
      if (start < 0) throw new Error(`quote not in ${spec.file}: ${claimSpec.quote}`);
      const verdictId =
        claimSpec.verdict === null
          ? null
          : verdicts.find((verdict) => verdict.label === claimSpec.verdict)!.id;
      const claim = createClaim(ctx, {
        projectId: project.id,
        articleId: article.id,
        anchor: createAnchor(text, start, start + claimSpec.quote.length),
        fields: {
          statement: claimSpec.statement ?? claimSpec.quote,
          claimant: claimSpec.claimant,
          claimDate: claimSpec.claimDate,
          verdictId,
          rationale: claimSpec.rationale,
          claimantType: claimSpec.claimantType ?? '',
        },
      });
      for (const source of claimSpec.sources) createSource(ctx, claim.id, source);
      for (const note of claimSpec.corrections ?? [])
        addCorrection(as(SAMPLE_SETTINGS.authorName), claim.id, note.kind, note.text);
      if (claimSpec.status === 'approved') {
        updateClaim(as(claimSpec.reviewer || DEFAULT_REVIEWER), claim.id, { status: 'approved' });
      } else if (claimSpec.status !== 'unchecked') {
        updateClaim(ctx, claim.id, { status: claimSpec.status });
      }
    }
  }
  return project.id;
}

/** Text of a PDF as `pdftotext -layout` reads it. */
export function pdfText(file: string, layout = true): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
}

export function pdfPageSize(file: string): string {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '';
}

export function hasPoppler(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whitespace collapsed, bidi controls (which pdftotext puts around right-to-left runs) removed. */
export function normaliseExtracted(text: string): string {
  return text
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
