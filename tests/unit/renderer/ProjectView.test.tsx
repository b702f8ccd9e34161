// @vitest-environment jsdom
/** The project header's Undo and Redo: what they offer, their shortcuts, and one project's steps only. */
import { bridge } from './fakeBridge';
import './domShims';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectView } from '../../../renderer/components/ProjectView';
import { useAppStore } from '../../../renderer/store';
import { pushStep } from '../../../renderer/workbench/undoStack';
import { claim, id, overview, PROJECT_ID, touched, withSecondArticle } from './fixtures';

const c1 = claim(1, 'unemployment fell by half', { claimant: 'Minister of Labour' });
const OTHER_PROJECT = id(9);

/** A claimant edit on the undo stack, as the store records it. */
function recordClaimantEdit() {
  useAppStore.setState((state) =>
    pushStep(
      state,
      {
        label: 'Edit claimant',
        mergeKey: `claim:${c1.id}:claimant`,
        action: {
          kind: 'claimFields',
          claimId: c1.id,
          before: { claimant: 'The minister' },
          after: { claimant: 'Minister of Labour' },
        },
      },
      Date.now(),
    ),
  );
}

async function renderProject(projectId = PROJECT_ID) {
  const user = userEvent.setup();
  const view = render(<ProjectView projectId={projectId} articleId={null} />);
  await screen.findByRole('heading', { name: 'Budget check' });
  return { user, ...view };
}
const undoButton = () => screen.getByRole('button', { name: 'Undo' });
const redoButton = () => screen.getByRole('button', { name: 'Redo' });

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  bridge
    .answer('projects.get', ({ id: projectId }) => {
      const answer = withSecondArticle(overview());
      return { ...answer, project: { ...answer.project, id: projectId } };
    })
    .answer('claims.update', ({ fields }) => touched(c1, fields));
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('Undo and Redo in the project header', () => {
  it('are off while there is nothing to undo or redo', async () => {
    await renderProject();
    expect(undoButton()).toHaveProperty('disabled', true);
    expect(undoButton().title).toBe('Nothing to undo');
    expect(redoButton()).toHaveProperty('disabled', true);
    expect(redoButton().title).toBe('Nothing to redo');
  });

  it('name the step they would undo or redo, and run it', async () => {
    const { user } = await renderProject();
    act(recordClaimantEdit);
    expect(undoButton()).toHaveProperty('disabled', false);
    expect(undoButton().title).toBe('Undo Edit claimant (Ctrl+Z)');

    await user.click(undoButton());
    await waitFor(() => expect(redoButton()).toHaveProperty('disabled', false));
    expect(bridge.requests('claims.update')).toEqual([{ id: c1.id, fields: { claimant: 'The minister' } }]);
    expect(redoButton().title).toBe('Redo Edit claimant (Shift+Ctrl+Z)');
    expect(undoButton()).toHaveProperty('disabled', true);

    await user.click(redoButton());
    await waitFor(() => expect(undoButton()).toHaveProperty('disabled', false));
    expect(bridge.requests('claims.update').at(-1)).toEqual({
      id: c1.id,
      fields: { claimant: 'Minister of Labour' },
    });
  });

  it('Ctrl+Z and Shift+Ctrl+Z undo and redo, except in a text field, which keeps its own undo', async () => {
    const { user } = await renderProject();
    act(recordClaimantEdit);
    await user.click(screen.getByRole('button', { name: 'Add article' }));
    await user.click(screen.getByRole('textbox', { name: 'Title' }));
    await user.keyboard('{Control>}z{/Control}');
    expect(bridge.requests('claims.update')).toEqual([]);

    await user.click(screen.getByRole('heading', { name: 'Budget check' }));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(useAppStore.getState().redoStack).toHaveLength(1));
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(useAppStore.getState().undoStack).toHaveLength(1));
    expect(bridge.requests('claims.update')).toHaveLength(2);
  });

  it('another project starts with empty stacks', async () => {
    const { user, rerender } = await renderProject();
    act(recordClaimantEdit);
    act(recordClaimantEdit);
    await user.click(undoButton());
    await waitFor(() => expect(redoButton()).toHaveProperty('disabled', false));

    rerender(<ProjectView projectId={OTHER_PROJECT} articleId={null} />);
    await waitFor(() => expect(bridge.requests('projects.get').at(-1)).toEqual({ id: OTHER_PROJECT }));
    expect(useAppStore.getState().undoStack).toEqual([]);
    expect(useAppStore.getState().redoStack).toEqual([]);
    expect(undoButton()).toHaveProperty('disabled', true);
  });
});
