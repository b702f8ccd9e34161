// @vitest-environment jsdom
/** The project list: what is there, creating, renaming and deleting (after a confirmation). */
import { bridge, refuse } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../../shared/domain';
import { ProjectList } from '../../../renderer/components/ProjectList';
import { useAppStore } from '../../../renderer/store';
import { id, projectSummary } from './fixtures';

/** What main lists; the answers below change it as main would. */
let projects: ProjectSummary[];

async function renderList() {
  const user = userEvent.setup();
  render(<ProjectList />);
  await waitFor(() => expect(bridge.requests('projects.list')).not.toEqual([]));
  return { user };
}
const rows = () =>
  within(screen.getByRole('list', { name: 'Projects' }))
    .queryAllByRole('listitem')
    .map((row) => within(row).getAllByRole('button')[0]!.textContent);

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  window.location.hash = '';
  projects = [
    projectSummary(1, 'Budget check', { articleCount: 2, claimCount: 7 }),
    projectSummary(2, 'Election debate', { articleCount: 1, claimCount: 1 }),
  ];
  bridge
    .answer('projects.list', () => projects)
    .answer('projects.create', ({ title }) => {
      const created = projectSummary(3, title.trim());
      projects = [...projects, created];
      return created;
    })
    .answer('projects.rename', ({ id: projectId, title }) => {
      projects = projects.map((project) => (project.id === projectId ? { ...project, title } : project));
      return projects.find((project) => project.id === projectId)!;
    })
    .answer('projects.delete', ({ id: projectId }) => {
      projects = projects.filter((project) => project.id !== projectId);
      return null;
    });
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('the project list', () => {
  it('shows every project with its counts', async () => {
    await renderList();
    await waitFor(() => expect(rows()).toEqual(['Budget check', 'Election debate']));
    const budget = screen.getByRole('button', { name: 'Budget check' });
    expect(budget.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(budget.getAttribute('aria-describedby')!)!.textContent).toContain(
      '2 articles · 7 claims',
    );
  });

  it('says when there are no projects yet', async () => {
    projects = [];
    await renderList();
    expect(await screen.findByText('No projects yet.')).toBeTruthy();
  });

  it('opens a project', async () => {
    const { user } = await renderList();
    await user.click(await screen.findByRole('button', { name: 'Election debate' }));
    expect(useAppStore.getState().route).toEqual({ kind: 'project', projectId: id(502), articleId: null });
  });
});

describe('creating a project', () => {
  it('"New project" asks for a title, creates it and opens it', async () => {
    const { user } = await renderList();
    await user.click(screen.getByRole('button', { name: 'New project' }));
    const form = screen.getByRole('form', { name: 'New project' });
    const title = within(form).getByLabelText('Project title');
    expect(document.activeElement).toBe(title);
    await user.type(title, 'Climate summit');
    await user.click(within(form).getByRole('button', { name: 'Create project' }));

    await waitFor(() => expect(bridge.requests('projects.create')).toEqual([{ title: 'Climate summit' }]));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New project' })).toBeNull());
    expect(rows()).toEqual(['Budget check', 'Election debate', 'Climate summit']);
    expect(useAppStore.getState().route).toEqual({ kind: 'project', projectId: id(503), articleId: null });
  });

  it('shows why a title was refused, and keeps the form', async () => {
    bridge.answer('projects.create', () => refuse('invalid_request', 'Give the project a title.', 'title'));
    const { user } = await renderList();
    await user.click(screen.getByRole('button', { name: 'New project' }));
    await user.keyboard('{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Give the project a title.');
    const title = screen.getByLabelText('Project title');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(title.getAttribute('aria-describedby')).toBe(alert.id);
    expect(useAppStore.getState().route).toEqual({ kind: 'library' });
  });

  it('Cancel closes the form without creating anything', async () => {
    const { user } = await renderList();
    await user.click(screen.getByRole('button', { name: 'New project' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'New project' })).toBeNull();
    expect(bridge.requests('projects.create')).toEqual([]);
  });
});

describe('renaming a project', () => {
  it('edits the title in place and saves it', async () => {
    const { user } = await renderList();
    await user.click(await screen.findByRole('button', { name: 'Rename Budget check' }));
    const form = screen.getByRole('form', { name: 'Rename Budget check' });
    const title = within(form).getByLabelText('New title');
    expect(title).toHaveProperty('value', 'Budget check');
    await user.clear(title);
    await user.type(title, 'Budget 2024');
    await user.click(within(form).getByRole('button', { name: 'Save title' }));

    await waitFor(() => expect(rows()).toEqual(['Budget 2024', 'Election debate']));
    expect(bridge.requests('projects.rename')).toEqual([{ id: id(501), title: 'Budget 2024' }]);
  });

  it('shows a refused title in the form', async () => {
    bridge.answer('projects.rename', () =>
      refuse('invalid_request', 'A title can be at most 200 characters.'),
    );
    const { user } = await renderList();
    await user.click(await screen.findByRole('button', { name: 'Rename Election debate' }));
    await user.type(screen.getByLabelText('New title'), ' (long)');
    await user.click(screen.getByRole('button', { name: 'Save title' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A title can be at most 200 characters.');
    expect(screen.getByRole('form', { name: 'Rename Election debate' })).toBeTruthy();
  });

  it('Cancel leaves the title as it was', async () => {
    const { user } = await renderList();
    await user.click(await screen.findByRole('button', { name: 'Rename Budget check' }));
    await user.type(screen.getByLabelText('New title'), ' draft');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(rows()).toEqual(['Budget check', 'Election debate']);
    expect(bridge.requests('projects.rename')).toEqual([]);
  });
});

describe('deleting a project', () => {
  it('asks first, saying what goes with it; Cancel keeps it', async () => {
    const { user } = await renderList();
    await user.click(await screen.findByRole('button', { name: 'Delete Budget check' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Budget check”?' });
    expect(dialog.textContent).toContain('This deletes 2 articles and 7 claims');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(bridge.requests('projects.delete')).toEqual([]);
    expect(rows()).toEqual(['Budget check', 'Election debate']);
  });

  it('Escape cancels too', async () => {
    const { user } = await renderList();
    await user.click(await screen.findByRole('button', { name: 'Delete Election debate' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Election debate”?' });
    expect(dialog.textContent).toContain('This deletes 1 article and 1 claim ');
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(bridge.requests('projects.delete')).toEqual([]);
  });

  it('"Delete project" deletes it', async () => {
    const { user } = await renderList();
    await user.click(await screen.findByRole('button', { name: 'Delete Budget check' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Budget check”?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Delete project' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete project' }));
    await waitFor(() => expect(rows()).toEqual(['Election debate']));
    expect(bridge.requests('projects.delete')).toEqual([{ id: id(501) }]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('a delete that fails is reported', async () => {
    bridge.answer('projects.delete', () => refuse('storage_read_only', 'The library is read-only.'));
    const { user } = await renderList();
    await user.click(await screen.findByRole('button', { name: 'Delete Budget check' }));
    await user.click(screen.getByRole('button', { name: 'Delete project' }));
    await waitFor(() =>
      expect(useAppStore.getState().notices.map((notice) => notice.message)).toEqual([
        'The library is read-only.',
      ]),
    );
    expect(rows()).toEqual(['Budget check', 'Election debate']);
  });
});
