/**
 * History that grows with the work, not with the keystrokes: consecutive saves of one field by the
 * same author fold into one change while it has not left the library, never across a status or
 * approval change, and never into a change a project file carried out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import type { Library } from '../../../main/library';
import { readChanges } from '../../../main/projectFiles/projectStore';
import { projectWithArticle, anchorOf } from '../../support/apiHelpers';
import { openTestLibrary } from '../../support/library';

let library: Library;
let api: ApiClient;
beforeEach(async () => {
  ({ library, api } = openTestLibrary());
  await api.call('settings.update', { authorName: 'Ana' });
});
afterEach(() => library.close());

async function claimToEdit() {
  const { project, article } = await projectWithArticle(api);
  const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov') });
  return { project, claim };
}

const rationaleChanges = (projectId: string, claimId: string) =>
  readChanges(library.ctx!, projectId).filter((change) => change.entityId === claimId && change.op === 'update' && 'rationale' in change.fields);

describe('history coalescing', () => {
  it('60 autosaves of a 3,000-character rationale are one change with the text before and after', async () => {
    const { project, claim } = await claimToEdit();
    const text = 'Evidence from the ministry’s own figures shows otherwise. '.repeat(52).slice(0, 3_000);
    for (let i = 1; i <= 60; i++) {
      await api.call('claims.update', { id: claim.id, fields: { rationale: text.slice(0, Math.ceil((text.length * i) / 60)) } });
    }
    const changes = rationaleChanges(project.id, claim.id);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.fields.rationale).toEqual({ before: '', after: text });
    const stored = library.ctx!.db.prepare(`SELECT SUM(length(fields)) AS n FROM changes WHERE claim_id = ?`).get(claim.id) as { n: number };
    expect(stored.n).toBeLessThan(3 * text.length + 2_000);
  });

  it('does not fold across a status change, or another author, or another field', async () => {
    const { project, claim } = await claimToEdit();
    await api.call('claims.update', { id: claim.id, fields: { rationale: 'One' } });
    await api.call('claims.update', { id: claim.id, fields: { status: 'researching' } });
    await api.call('claims.update', { id: claim.id, fields: { rationale: 'Two' } });
    await api.call('settings.update', { authorName: 'Ben' });
    await api.call('claims.update', { id: claim.id, fields: { rationale: 'Three' } });
    await api.call('claims.update', { id: claim.id, fields: { claimant: 'Peskov' } });
    await api.call('claims.update', { id: claim.id, fields: { rationale: 'Four' } });
    expect(rationaleChanges(project.id, claim.id).map((change) => change.fields.rationale!.after)).toEqual(['One', 'Two', 'Three', 'Four']);
  });

  it('never folds into a change a project file carried out', async () => {
    const { project, claim } = await claimToEdit();
    await api.call('claims.update', { id: claim.id, fields: { rationale: 'Exported' } });
    const built = (await import('../../../main/projectFiles/exportProject')).buildProjectFile(library.ctx!, project.id, { appVersion: 'test' });
    expect(built.bytes.length).toBeGreaterThan(0);
    await api.call('claims.update', { id: claim.id, fields: { rationale: 'After export' } });
    expect(rationaleChanges(project.id, claim.id).map((change) => change.fields.rationale)).toEqual([
      { before: '', after: 'Exported' },
      { before: 'Exported', after: 'After export' },
    ]);
  });

  it('a field edited back to where it started leaves no change behind', async () => {
    const { project, claim } = await claimToEdit();
    await api.call('claims.update', { id: claim.id, fields: { rationale: 'Typo' } });
    await api.call('claims.update', { id: claim.id, fields: { rationale: '' } });
    expect(rationaleChanges(project.id, claim.id)).toEqual([]);
  });
});
