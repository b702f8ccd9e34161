/**
 * End-to-end tests of editorial integrity in the claim workbench (issue 9), in Chromium through the
 * harness: approving with a name, the approval withdrawn by a later change, team notes, and a quote
 * changed by a text edit. Set-up (project, article, claims) goes through the API; everything asserted
 * is done as a user would, with roles and labels.
 */
import { expect, test, type Page } from '@playwright/test';
import { createAnchor } from '../../shared/anchoring';
import {
  callApi,
  makeDataDir,
  readFixture,
  startHarnessProcess,
  type RunningHarness,
} from '../support/harnessProcess';

const TASS_FILE = 'en-tass-2024-10-21-peskov-dprk.txt';
const FIRST = 'Cooperation between Russia and North Korea is not directed against other countries';
const SECOND = 'North Korea is our close neighbor, our partner';

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

interface Article {
  id: string;
  text: string;
}

/** A project with the TASS article and two claims on it; answers the article's address. */
async function setUp(): Promise<string> {
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Peskov briefing' });
  const article = await callApi<Article>(harness, 'articles.create', {
    projectId: project.id,
    title: 'Peskov: Russia–DPRK cooperation not directed against others',
    outlet: 'TASS',
    author: '',
    url: '',
    publishedDate: '2024-10-21',
    language: 'en',
    direction: 'ltr',
    text: readFixture(TASS_FILE),
  });
  for (const quote of [FIRST, SECOND]) {
    const start = article.text.indexOf(quote);
    expect(start).toBeGreaterThanOrEqual(0);
    await callApi(harness, 'claims.create', {
      articleId: article.id,
      anchor: createAnchor(article.text, start, start + quote.length),
      fields: { claimant: 'Dmitry Peskov' },
    });
  }
  return `${harness.url}/#/project/${project.id}/article/${article.id}`;
}

const editor = (page: Page) => page.locator('.claim-editor');
const claimList = (page: Page) => page.getByRole('list', { name: 'Claims', exact: true });

async function openClaim(page: Page, number: number) {
  await claimList(page)
    .getByRole('button', { name: new RegExp(`^Claim ${number}:`) })
    .click();
  await expect(editor(page).getByRole('heading', { name: `Claim ${number}` })).toBeVisible();
}

async function setNameInSettings(page: Page, name: string) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Your name').fill(name);
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toHaveCount(0);
}

test('approve a claim, see a later change return it to review, post a team note, and review a quote a text edit changed', async ({
  page,
}) => {
  harness = await startHarnessProcess(makeDataDir('factcheck-editorial-'));
  const address = await setUp();
  // A laptop's window, where the claims panel is tightest.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${harness.url}/`);
  await setNameInSettings(page, 'Ana Checker');
  await page.goto(address);
  await expect(claimList(page).getByRole('button')).toHaveCount(2);

  // Approve Claim 1: the editor says who approved it and when.
  await openClaim(page, 1);
  const status = editor(page).getByRole('combobox', { name: 'Status', exact: true });
  await editor(page)
    .getByRole('combobox', { name: 'Verdict', exact: true })
    .selectOption({ label: 'Mostly true' });
  await expect(editor(page).getByText('Saving…')).toHaveCount(0);
  await status.selectOption({ label: 'Approved' });
  await expect(editor(page).getByText(/^Approved by Ana Checker on /)).toBeVisible();
  await expect(claimList(page).getByRole('button', { name: /^Claim 1:/ })).toContainText('Approved');

  // Changing the verdict returns it to "In review", and the editor says why.
  await editor(page)
    .getByRole('combobox', { name: 'Verdict', exact: true })
    .selectOption({ label: 'Misleading' });
  await expect(
    editor(page)
      .getByRole('status')
      .filter({ hasText: 'Claim 1 was approved; this change returned it to In review.' }),
  ).toBeVisible();
  await expect(status).toHaveValue('in_review');
  await expect(editor(page).getByText(/^Approved by/)).toHaveCount(0);
  await expect(claimList(page).getByRole('button', { name: /^Claim 1:/ })).toContainText('In review');

  // A team note: an empty one is refused on the spot, a written one joins the thread.
  const notes = editor(page).getByRole('region', { name: 'Team notes' });
  await notes.getByRole('button', { name: 'Post note' }).click();
  await expect(notes.getByRole('alert')).toHaveText('Write something before posting the note.');
  await notes
    .getByRole('textbox', { name: 'New team note' })
    .fill('Verdict changed: the treaty has a mutual defence clause.');
  await notes.getByRole('button', { name: 'Post note' }).click();
  await expect(notes.getByRole('listitem')).toHaveCount(1);
  await expect(notes.getByRole('listitem')).toContainText('Ana Checker');
  await expect(notes.getByRole('listitem')).toContainText(
    'Verdict changed: the treaty has a mutual defence clause.',
  );
  await expect(notes.getByRole('textbox', { name: 'New team note' })).toHaveValue('');

  // Correct a word inside Claim 2's quote through "Edit text".
  await page.getByRole('button', { name: 'Edit text' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit article text' });
  const textBox = dialog.getByLabel('Article text');
  await textBox.fill((await textBox.inputValue()).replace('our close neighbor,', 'our close neighbour,'));
  await dialog.getByRole('button', { name: 'Save text' }).click();
  await expect(dialog).toHaveCount(0);

  const changed = page.getByRole('region', { name: 'Quote changed' });
  const item = changed.getByRole('group', { name: 'Claim 2' });
  await expect(item).toContainText(SECOND);
  await expect(item).toContainText('North Korea is our close neighbour, our partner');
  // Still a claim in the list with its status; not one that needs re-anchoring.
  await expect(claimList(page).getByRole('button')).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'Needs re-anchoring' })).toHaveCount(0);

  await item.getByRole('button', { name: 'Keep new quote' }).click();
  await expect(changed).toHaveCount(0);
  // The statement was the old quote: the editor offers the new one.
  await openClaim(page, 2);
  await editor(page).getByRole('button', { name: 'Update statement' }).click();
  await expect(editor(page).getByLabel('Claim', { exact: true })).toHaveValue(
    'North Korea is our close neighbour, our partner',
  );

  // After a reload everything is as it was left.
  await page.reload();
  await expect(claimList(page).getByRole('button')).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Quote changed' })).toHaveCount(0);
  await openClaim(page, 1);
  await expect(editor(page).getByRole('region', { name: 'Team notes' })).toContainText(
    'mutual defence clause',
  );
  await expect(editor(page).getByRole('combobox', { name: 'Status', exact: true })).toHaveValue('in_review');
});

test('approving without a name in Settings asks for it first', async ({ page }) => {
  harness = await startHarnessProcess(makeDataDir('factcheck-editorial-'));
  const address = await setUp();
  await page.goto(address);
  await openClaim(page, 2);
  await editor(page)
    .getByRole('combobox', { name: 'Status', exact: true })
    .selectOption({ label: 'Approved' });
  const prompt = page.getByRole('dialog');
  await prompt.getByRole('textbox', { name: 'Your name' }).fill('Bea Editor');
  await prompt.getByRole('button', { name: 'Save name and approve' }).click();
  await expect(prompt).toHaveCount(0);
  await expect(editor(page).getByText(/^Approved by Bea Editor on /)).toBeVisible();
  const settings = await callApi<{ authorName: string }>(harness, 'settings.get', {});
  expect(settings.authorName).toBe('Bea Editor');
});
