// @vitest-environment jsdom
/** File → New project: the project list opens its form for it, once, whether or not it was showing. */
import { bridge } from './fakeBridge';
import './domShims';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectList } from '../../../renderer/components/ProjectList';
import { useAppStore } from '../../../renderer/store';
import { projectSummary } from './fixtures';

const form = () => screen.queryByRole('form', { name: 'New project' });

async function renderList() {
  const view = render(<ProjectList />);
  await waitFor(() => expect(bridge.requests('projects.list')).not.toEqual([]));
  return view;
}

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  window.location.hash = '';
  bridge.answer('projects.list', () => [projectSummary(1, 'Budget check')]);
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('File → New project', () => {
  it('opens the form of the list that is showing; Cancel closes it and ends the request', async () => {
    const user = userEvent.setup();
    await renderList();
    expect(form()).toBeNull();
    act(() => useAppStore.getState().requestNewProject());
    expect(form()).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(form()).toBeNull();
    expect(useAppStore.getState().newProjectRequested).toBe(false);
  });

  it('opens the form when the list appears after the request (from a project), and only then', async () => {
    act(() => {
      useAppStore.getState().navigate({ kind: 'project', projectId: 'p1', articleId: null });
      useAppStore.getState().requestNewProject();
    });
    expect(useAppStore.getState().route).toEqual({ kind: 'library' });
    const first = await renderList();
    expect(form()).not.toBeNull();

    // Into a project and back, without creating one: the old request does not open the form again.
    act(() => useAppStore.getState().navigate({ kind: 'project', projectId: 'p1', articleId: null }));
    first.unmount();
    act(() => useAppStore.getState().navigate({ kind: 'library' }));
    await renderList();
    expect(form()).toBeNull();
  });
});
