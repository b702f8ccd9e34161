// @vitest-environment jsdom
/**
 * "Edit details": an article's title, outlet, author, URL, published date, language and direction
 * corrected in a dialog, saved through articles.update's meta, problems shown by the field they
 * concern; Esc cancels and the focus comes back to the button. The URL becomes a link (safe ones only).
 */
import { bridge, refuse } from './fakeBridge';
import './domShims';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../shared/domain';
import { useAppStore } from '../../../renderer/store';
import { ArticleByline } from '../../../renderer/workbench/ArticleDetails';
import { article, ARTICLE_ID, overview, touched } from './fixtures';
import { formatDate } from '../../../renderer/format/dates';

let stored: Article;

/** The article header's byline (with "Edit details"), as the workbench shows it for the open article. */
function Header() {
  const current = useAppStore((state) => state.wbArticle);
  if (!current) return null;
  return (
    <header>
      <ArticleByline article={current} />
    </header>
  );
}

async function renderHeader() {
  await useAppStore.getState().loadArticle(ARTICLE_ID);
  bridge.calls.length = 0;
  const user = userEvent.setup();
  render(<Header />);
  const button = screen.getByRole('button', { name: 'Edit details' });
  return { user, button };
}
const dialog = () => screen.getByRole('dialog', { name: 'Edit article details' });
const field = (name: string) => within(dialog()).getByLabelText(name) as HTMLInputElement;

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ current: overview() });
  stored = article();
  bridge
    .answer('workbench.loadArticle', () => ({ article: stored, claims: [], sources: [], claimants: [], tags: [] }))
    .answer('projects.get', () => overview(stored))
    .answer('articles.update', ({ meta }) => ({ article: (stored = touched(stored, meta)), orphanedClaimIds: [] }));
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('Edit details', () => {
  it('saves every detail through articles.update, then shows the URL as a link and gives the focus back', async () => {
    const { user, button } = await renderHeader();
    await user.click(button);
    expect(field('Title').value).toBe('Budget speech');
    expect(field('Outlet').value).toBe('Daily News');

    await user.clear(field('Outlet'));
    await user.type(field('Outlet'), 'The Daily News');
    await user.type(field('Author'), 'J. Smith');
    await user.type(field('URL'), 'https://news.example/budget');
    await user.selectOptions(field('Language'), 'fr');
    await user.selectOptions(field('Text direction'), 'rtl');
    await user.click(within(dialog()).getByRole('button', { name: 'Save details' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.requests('articles.update')).toEqual([
      {
        id: ARTICLE_ID,
        meta: {
          title: 'Budget speech',
          outlet: 'The Daily News',
          author: 'J. Smith',
          url: 'https://news.example/budget',
          publishedDate: '2024-04-30',
          language: 'fr',
          direction: 'rtl',
        },
      },
    ]);
    const link = screen.getByRole('link', { name: 'https://news.example/budget' });
    expect(link.getAttribute('href')).toBe('https://news.example/budget');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('banner').textContent).toContain(`The Daily News · J. Smith · ${formatDate('2024-04-30')}`);
    // The project's article list is read again, so the new title or outlet shows there too.
    expect(bridge.channels()).toContain('projects.get');
    await waitFor(() => expect(document.activeElement).toBe(button));
  });

  it('shows each problem by its field and sends nothing', async () => {
    const { user, button } = await renderHeader();
    await user.click(button);
    await user.clear(field('Title'));
    await user.type(field('URL'), 'javascript:alert(1)');
    await user.click(within(dialog()).getByRole('button', { name: 'Save details' }));

    expect(bridge.requests('articles.update')).toEqual([]);
    expect(field('Title').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field('Title').getAttribute('aria-describedby')!)?.textContent).toBe(
      'Give the article a title.',
    );
    expect(field('URL').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field('URL').getAttribute('aria-describedby')!)?.textContent).toBe(
      'Enter a web address that starts with http:// or https://.',
    );
    // The first field with a problem has the focus; fixing it clears its message only.
    expect(document.activeElement).toBe(field('Title'));
    await user.type(field('Title'), 'Budget speech, corrected');
    expect(field('Title').getAttribute('aria-invalid')).toBeNull();
    expect(field('URL').getAttribute('aria-invalid')).toBe('true');
  });

  it('puts a refusal from the library under the field it names', async () => {
    bridge.answer('articles.update', () =>
      refuse('invalid_request', 'The published date is in the future. Check the year.', 'meta.publishedDate'),
    );
    const { user, button } = await renderHeader();
    await user.click(button);
    await user.click(within(dialog()).getByRole('button', { name: 'Save details' }));
    await waitFor(() => expect(field('Published').getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog()).getByRole('alert').textContent).toBe('The published date is in the future. Check the year.');
    expect(dialog()).toBeTruthy();
  });

  it('Esc cancels without saving, and the focus returns to the button', async () => {
    const { user, button } = await renderHeader();
    await user.click(button);
    await user.type(field('Author'), 'Someone');
    act(() => {
      dialog().dispatchEvent(new Event('cancel', { cancelable: true }));
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.requests('articles.update')).toEqual([]);
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect(screen.getByRole('banner').textContent).not.toContain('Someone');
  });
});

describe('the byline', () => {
  it('links only addresses that are safe to open', () => {
    const { rerender } = render(<ArticleByline article={article({ url: 'https://news.example/a' })} />);
    expect(screen.getByRole('link').getAttribute('href')).toBe('https://news.example/a');
    rerender(<ArticleByline article={article({ url: 'javascript:alert(1)' })} />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('javascript:alert(1)')).toBeTruthy();
  });
});
