/**
 * Team notes, corrections and publications: append-only records of a project's editorial work.
 * Notes are for the team (never in reports); corrections and publications are what a report owes
 * its readers. None is ever edited, so copies of a project merge them as a union by id.
 */
import type { ClaimantType, Correction, CorrectionKind, Publication, TeamNote } from '../../shared/domain';
import { AppError } from '../errors';
import { checkApprovalLater } from './approvals';
import { getClaim } from './claims';
import type { RepoContext } from './context';
import { touchProject } from './projects';
import { CORRECTIONS, PUBLICATIONS, TEAM_NOTES, type Row } from './tables';

export function listTeamNotesByProject(ctx: RepoContext, projectId: string): TeamNote[] {
  return (ctx.stmt(`SELECT ${TEAM_NOTES.columns()} FROM team_notes WHERE project_id = ? ORDER BY created_at, id`).all(projectId) as Row[]).map(
    TEAM_NOTES.fromRow,
  );
}

export function listTeamNotes(ctx: RepoContext, claimId: string): TeamNote[] {
  return (ctx.stmt(`SELECT ${TEAM_NOTES.columns()} FROM team_notes WHERE claim_id = ? ORDER BY created_at, id`).all(claimId) as Row[]).map(
    TEAM_NOTES.fromRow,
  );
}

export function addTeamNote(ctx: RepoContext, claimId: string, text: string): TeamNote {
  return ctx.tx(() => {
    const claim = getClaim(ctx, claimId);
    const note: TeamNote = { id: ctx.newId(), projectId: claim.projectId, claimId, author: ctx.author(), text, createdAt: ctx.now() };
    TEAM_NOTES.insert(ctx, note);
    touchProject(ctx, claim.projectId);
    return note;
  });
}

export function listCorrectionsByProject(ctx: RepoContext, projectId: string): Correction[] {
  return (ctx.stmt(`SELECT ${CORRECTIONS.columns()} FROM corrections WHERE project_id = ? ORDER BY created_at, id`).all(projectId) as Row[]).map(
    CORRECTIONS.fromRow,
  );
}

/**
 * A correction or update note on a claim. It is published (under the claim and in the report's
 * corrections section), so it goes through the approval rule like any published field.
 */
export function addCorrection(ctx: RepoContext, claimId: string, kind: CorrectionKind, text: string): Correction {
  return ctx.tx(() => {
    const claim = getClaim(ctx, claimId);
    if (!ctx.author().trim()) {
      throw new AppError('author_required', 'A correction note records who wrote it: add your name in Settings first.', 'authorName');
    }
    const correction: Correction = {
      id: ctx.newId(),
      projectId: claim.projectId,
      claimId,
      kind,
      text,
      author: ctx.author(),
      createdAt: ctx.now(),
    };
    CORRECTIONS.insert(ctx, correction);
    touchProject(ctx, claim.projectId);
    checkApprovalLater(ctx, claimId, 'corrections');
    return correction;
  });
}

export function listPublications(ctx: RepoContext, projectId: string): Publication[] {
  return (ctx.stmt(`SELECT ${PUBLICATIONS.columns()} FROM publications WHERE project_id = ? ORDER BY published_at, id`).all(projectId) as Row[]).map(
    PUBLICATIONS.fromRow,
  );
}

export function insertPublication(ctx: RepoContext, publication: Publication): Publication {
  return ctx.tx(() => {
    PUBLICATIONS.insert(ctx, publication);
    touchProject(ctx, publication.projectId);
    return publication;
  });
}

/** The claimant type last chosen for this name (case and spacing aside), or '' when none. */
export function claimantTypeFor(ctx: RepoContext, name: string): ClaimantType {
  const key = claimantKey(name);
  if (!key) return '';
  const row = ctx.stmt(`SELECT type FROM claimant_types WHERE name = ?`).get(key) as { type: ClaimantType } | undefined;
  return row?.type ?? '';
}

export function rememberClaimantType(ctx: RepoContext, name: string, type: ClaimantType): void {
  const key = claimantKey(name);
  if (!key) return;
  if (type === '') ctx.stmt(`DELETE FROM claimant_types WHERE name = ?`).run(key);
  else ctx.stmt(`INSERT INTO claimant_types (name, type) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET type = excluded.type`).run(key, type);
}

const claimantKey = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
