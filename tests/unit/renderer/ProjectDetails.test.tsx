// @vitest-environment jsdom
/**
 * The project's editorial settings and record: its description and "Second pair of eyes" (saved
 * through editorial.updateProject), and the publication log (editorial.publications).
 */
import { bridge, refuse } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project, Publication } from '../../../shared/domain';
import { ProjectView } from '../../../renderer/components/ProjectView';
import { useAppStore } from '../../../renderer/store';
import { id, overview, PROJECT_ID, withSecondArticle } from './fixtures';

let project: Project;
const SHA_PDF = 'a1b2c3d4e5f6'.padEnd(64, '0');
const SHA_CSV = '0f1e2d3c4b5a'.padEnd(64, '9');

const PUBLICATION: Publication = {
  id: id(700),
  projectId: PROJECT_ID,
  publishedAt: '2024-05-04T15:30:00.000Z',
  publishedBy: 'Dana Editor',
  formats: ['pdf', 'csv'],
  files: [
    { name: 'Budget check report.pdf', format: 'pdf', sha256: SHA_PDF },
    { name: 'Budget check report.csv', format: 'csv', sha256: SHA_CSV },
  ],
  claims: [
    { claimId: id(101), number: 1, verdict: 'False', statement: 'Unemployment fell by half last year.', seal: 'c'.repeat(64) },
    { claimId: id(103), number: 3, verdict: 'True', statement: 'Exports doubled since 2020.', seal: 'd'.repeat(64) },
  ],
};

async function renderProject() {
  const user = userEvent.setup();
  render(<ProjectView projectId={PROJECT_ID} articleId={null} />);
  await screen.findByRole('heading', { name: 'Budget check' });
  return user;
}
const text = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ');

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  project = overview().project;
  bridge
    .answer('projects.get', () => ({ ...withSecondArticle(overview()), project }))
    .answer('editorial.updateProject', ({ description, secondPairOfEyes }) => {
      project = {
        ...project,
        ...(description !== undefined ? { description } : {}),
        ...(secondPairOfEyes !== undefined ? { secondPairOfEyes } : {}),
        updatedAt: new Date().toISOString(),
      };
      return project;
    });
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('Project details', () => {
  it('"Second pair of eyes" is explained, saved through editorial.updateProject and shown in the header', async () => {
    const user = await renderProject();
    const button = screen.getByRole('button', { name: 'Project details' });
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Project details' });
    const eyes = within(dialog).getByRole('checkbox', { name: 'Second pair of eyes' }) as HTMLInputElement;
    expect(eyes.checked).toBe(false);
    expect(document.getElementById(eyes.getAttribute('aria-describedby')!)?.textContent).toBe(
      'The approver must not be the last person who changed the verdict.',
    );

    await user.click(eyes);
    await user.click(within(dialog).getByRole('button', { name: 'Save details' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Only what changed is sent.
    expect(bridge.requests('editorial.updateProject')).toEqual([{ id: PROJECT_ID, secondPairOfEyes: true }]);
    expect(useAppStore.getState().current?.project.secondPairOfEyes).toBe(true);
    expect(screen.getByText('Second pair of eyes', { selector: '.pill' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(button));

    // Opened again, it shows what was saved; unticking turns the rule off.
    await user.click(button);
    const again = within(screen.getByRole('dialog', { name: 'Project details' })).getByRole('checkbox', {
      name: 'Second pair of eyes',
    }) as HTMLInputElement;
    expect(again.checked).toBe(true);
    await user.click(again);
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await waitFor(() => expect(bridge.requests('editorial.updateProject')).toHaveLength(2));
    expect(bridge.requests('editorial.updateProject')[1]).toEqual({ id: PROJECT_ID, secondPairOfEyes: false });
  });

  it('the description is saved and shown under the project title', async () => {
    const user = await renderProject();
    await user.click(screen.getByRole('button', { name: 'Project details' }));
    await user.type(screen.getByLabelText('Description'), 'Claims from the 2024 budget debate.');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await waitFor(() =>
      expect(bridge.requests('editorial.updateProject')).toEqual([
        { id: PROJECT_ID, description: 'Claims from the 2024 budget debate.' },
      ]),
    );
    expect(await screen.findByText('Claims from the 2024 budget debate.')).toBeTruthy();
  });

  it('a refusal keeps the dialog open and says why', async () => {
    bridge.answer('editorial.updateProject', () => refuse('storage_read_only', 'The library is read-only.'));
    const user = await renderProject();
    await user.click(screen.getByRole('button', { name: 'Project details' }));
    await user.click(screen.getByRole('checkbox', { name: 'Second pair of eyes' }));
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The library is read-only.');
    expect(screen.getByRole('dialog', { name: 'Project details' })).toBeTruthy();
  });
});

describe('Publications', () => {
  it('lists each publication: when, by whom, formats, files with their checksum, and the claims', async () => {
    bridge.answer('editorial.publications', () => [PUBLICATION]);
    const user = await renderProject();
    await user.click(screen.getByRole('button', { name: 'Publications' }));
    const log = await screen.findByRole('list', { name: 'Publication log' });
    const entry = within(log).getByRole('listitem', { name: /^Published / });
    expect(within(entry).getByRole('heading', { level: 3 }).querySelector('time')?.getAttribute('dateTime')).toBe(
      PUBLICATION.publishedAt,
    );
    expect(text(entry)).toContain('By Dana Editor · PDF, CSV');
    expect(text(entry)).toContain('Budget check report.pdf');
    const sha = within(entry).getByText(/^SHA-256 a1b2c3d4e5f6/);
    expect(sha.getAttribute('title')).toBe(`SHA-256 ${SHA_PDF}`);
    expect(text(sha)).toBe('SHA-256 a1b2c3d4e5f6…');
    expect(text(entry)).toContain('Claim 1FalseUnemployment fell by half last year.');
    expect(text(entry)).toContain('Claim 3TrueExports doubled since 2020.');
    expect(bridge.requests('editorial.publications')).toEqual([{ projectId: PROJECT_ID }]);
  });

  it('says how to publish when nothing was published yet', async () => {
    bridge.answer('editorial.publications', () => []);
    const user = await renderProject();
    await user.click(screen.getByRole('button', { name: 'Publications' }));
    expect(await screen.findByText(/Nothing from this project has been marked as published yet/)).toBeTruthy();
  });
});
