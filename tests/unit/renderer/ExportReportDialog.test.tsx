// @vitest-environment jsdom
/**
 * "Mark as published" in the export dialog: offered after a successful export, enabled only when
 * every claim the exported report includes is approved (the dialog knows the selection and the
 * claims' statuses; otherwise it says why), and sent with this dialog session's export ids.
 */
import { bridge, refuse } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim, Publication } from '../../../shared/domain';
import { ExportReportDialog } from '../../../renderer/reports/ExportReportDialog';
import { useAppStore } from '../../../renderer/store';
import { article, claim, id, overview, PROJECT_ID, VERDICTS } from './fixtures';
import { formatDateTime } from '../../../renderer/format/dates';

const APPROVED = { status: 'approved', approval: { by: 'Dana Editor', at: '2024-05-02T10:00:00.000Z', seal: 'e'.repeat(64) } } as const;
const [TRUE, , FALSE] = VERDICTS as [(typeof VERDICTS)[0], (typeof VERDICTS)[0], (typeof VERDICTS)[0]];
let claims: Claim[];
let exported = 0;

async function openDialog() {
  const user = userEvent.setup();
  const onClose = vi.fn();
  render(<ExportReportDialog projectId={PROJECT_ID} onClose={onClose} />);
  const dialog = screen.getByRole('dialog', { name: 'Export report' });
  await waitFor(() => expect(bridge.requests('workbench.loadArticle')).toHaveLength(1));
  return { user, dialog, onClose };
}
const publishButton = (dialog: HTMLElement) => within(dialog).getByRole('button', { name: 'Mark as published' });
const reasonOf = (button: HTMLElement) => document.getElementById(button.getAttribute('aria-describedby')!)?.textContent;

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ current: overview(article(), 3) });
  exported = 0;
  claims = [
    claim(1, 'unemployment fell by half', { verdictId: FALSE.id, ...APPROVED }),
    claim(2, 'the figure ignores part-time work', { verdictId: TRUE.id, ...APPROVED }),
    claim(3, 'Exports doubled since 2020', { verdictId: TRUE.id, ...APPROVED }),
  ];
  bridge
    .answer('reports.preview', () => ({ html: '<!doctype html><p>Report</p>', language: 'en' as const }))
    .answer('workbench.loadArticle', () => ({ article: article(), claims, sources: [], claimants: [], tags: [] }))
    .answer('reports.export', ({ format }) => ({
      path: `/data/exports/Budget check report.${format}`,
      exportId: id(800 + exported++),
    }))
    .answer('editorial.markPublished', ({ exportIds }): Publication => ({
      id: id(900),
      projectId: PROJECT_ID,
      publishedAt: '2024-05-04T15:30:00.000Z',
      publishedBy: 'Dana Editor',
      formats: ['pdf', 'html'],
      files: exportIds.map((exportId, index) => ({
        name: `Budget check report.${index === 0 ? 'pdf' : 'html'}`,
        format: index === 0 ? 'pdf' : 'html',
        sha256: exportId.replace(/-/g, '').padEnd(64, '0').slice(0, 64),
      })),
      claims: [],
    }));
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('Mark as published', () => {
  it('is offered after an export and publishes this session’s files when every claim is approved', async () => {
    const { user, dialog, onClose } = await openDialog();
    expect(within(dialog).queryByRole('button', { name: 'Mark as published' })).toBeNull();
    await user.click(within(dialog).getByLabelText('Web page (HTML)'));
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));

    await waitFor(() => expect(publishButton(dialog)).toHaveProperty('disabled', false));
    expect(onClose).not.toHaveBeenCalled();
    const session = within(dialog).getByRole('region', { name: 'Publication' });
    expect(session.textContent).toContain('Budget check report.pdf');
    expect(session.textContent).toContain('Budget check report.html');

    await user.click(publishButton(dialog));
    await waitFor(() =>
      expect(bridge.requests('editorial.markPublished')).toEqual([
        { projectId: PROJECT_ID, exportIds: [id(800), id(801)] },
      ]),
    );
    const confirmation = await within(dialog).findByRole('status');
    const when = formatDateTime('2024-05-04T15:30:00.000Z');
    expect(confirmation.textContent).toContain(`Marked as published on ${when} (PDF, HTML)`);
    // Published files are not offered again.
    expect(within(dialog).queryByRole('button', { name: 'Mark as published' })).toBeNull();
  });

  it('is disabled, and says which claims are not approved, when the report includes one that is not', async () => {
    claims[1] = claim(2, 'the figure ignores part-time work', { verdictId: TRUE.id, status: 'in_review' });
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(bridge.requests('reports.export')).toHaveLength(1));
    const button = publishButton(dialog);
    expect(button).toHaveProperty('disabled', true);
    expect(reasonOf(button)).toBe(
      'Only a report whose every claim is approved can be marked as published. Not approved yet: Claim 2.',
    );
    expect(bridge.requests('editorial.markPublished')).toEqual([]);
  });

  it('follows the selection the files were exported with: approved only, or chosen verdicts', async () => {
    claims[1] = claim(2, 'the figure ignores part-time work', { verdictId: TRUE.id, status: 'researching' });
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByLabelText('Approved only'));
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(publishButton(dialog)).toHaveProperty('disabled', false));

    // A second export in the same session that includes the unapproved claim: the files together may not be published.
    await user.click(within(dialog).getByLabelText('Chosen verdicts'));
    await user.click(within(dialog).getByLabelText('True'));
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(bridge.requests('reports.export')).toHaveLength(2));
    await waitFor(() => expect(publishButton(dialog)).toHaveProperty('disabled', true));
    expect(reasonOf(publishButton(dialog))).toContain('Not approved yet: Claim 2.');
  });

  it('is disabled when the exported report holds no claims', async () => {
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByLabelText('Chosen verdicts'));
    await user.click(within(dialog).getByLabelText('Not yet rated'));
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(bridge.requests('reports.export')).toHaveLength(1));
    expect(publishButton(dialog)).toHaveProperty('disabled', true);
    expect(reasonOf(publishButton(dialog))).toBe('The exported report includes no claims, so there is nothing to publish.');
  });

  it('shows the library’s refusal', async () => {
    bridge.answer('editorial.markPublished', () =>
      refuse('conflict', 'Only a report whose every claim is approved can be marked as published. Not approved: Claim 3.'),
    );
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(publishButton(dialog)).toHaveProperty('disabled', false));
    await user.click(publishButton(dialog));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Not approved: Claim 3.');
  });
});

describe('Include page screenshots (HTML)', () => {
  const screenshotsBox = (dialog: HTMLElement) => within(dialog).queryByRole('checkbox', { name: 'Include page screenshots (HTML)' });

  it('is offered only with the HTML format, and its choice goes with the export', async () => {
    const { user, dialog } = await openDialog();
    expect(screenshotsBox(dialog)).toBeNull();
    await user.click(within(dialog).getByLabelText('Web page (HTML)'));
    const box = screenshotsBox(dialog)!;
    expect(box).toHaveProperty('checked', false);
    await user.click(box);
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(bridge.requests('reports.export')).toHaveLength(2));
    for (const request of bridge.requests('reports.export')) expect(request.options?.includeScreenshots).toBe(true);

    // Without HTML the box goes, and the option with it.
    await user.click(within(dialog).getByLabelText('Web page (HTML)'));
    expect(screenshotsBox(dialog)).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(bridge.requests('reports.export')).toHaveLength(3));
    expect(bridge.requests('reports.export')[2]!.options).not.toHaveProperty('includeScreenshots');
  });

  it('is off unless ticked: an HTML export asks for no screenshots', async () => {
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByLabelText('Web page (HTML)'));
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(bridge.requests('reports.export')).toHaveLength(2));
    expect(bridge.requests('reports.export').map((request) => [request.format, request.options?.includeScreenshots])).toEqual([
      ['pdf', false],
      ['html', false],
    ]);
  });
});
