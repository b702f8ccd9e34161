import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

const ARTICLES = [
  {
    file: 'en-tass-2024-10-21-peskov-dprk.txt',
    title: 'Peskov: Russia–DPRK cooperation not directed against others',
    outlet: 'TASS',
    author: 'TASS staff',
    url: 'https://tass.com/politics/1859999',
    published: '2024-10-21',
    phrase: 'Kremlin Spokesman Dmitry Peskov told reporters',
    direction: 'ltr',
  },
  { file: 'ru-sample-budget.txt', title: 'Бюджет Самары на 2025 год', outlet: 'Самарские вести', author: '', url: '', published: '2024-11-14', phrase: '48,2 млрд рублей', direction: 'ltr' },
  { file: 'ko-sample-energy.txt', title: '정부 "내년 원전 비중 35% 넘을 것"', outlet: '연합', author: '', url: '', published: '2024-03-08', phrase: '박민수 에너지정책실장은', direction: 'ltr' },
  { file: 'ar-sample-water.txt', title: 'الوزير: إنتاج المياه المحلاة سيتضاعف بحلول 2030', outlet: 'الرأي', author: '', url: '', published: '2024-05-21', phrase: 'وزير المياه خالد النمر', direction: 'rtl' },
] as const;

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

async function createProject(page: Page, title: string) {
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project title').fill(title);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

async function addArticle(page: Page, article: (typeof ARTICLES)[number]) {
  const form = page.getByRole('form', { name: 'Add article' });
  if (!(await form.isVisible())) await page.getByRole('button', { name: 'Add article' }).click();
  await form.getByLabel('Article text').fill(readFixture(article.file));
  await form.getByLabel('Title', { exact: true }).fill(article.title);
  await form.getByLabel('Outlet').fill(article.outlet);
  await form.getByLabel('Author').fill(article.author);
  await form.getByLabel('URL').fill(article.url);
  await form.getByLabel('Published').fill(article.published);
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('region', { name: 'Article' })).toContainText(article.phrase);
}

async function expectAllArticles(page: Page, projectTitle: string) {
  await expect(page.getByRole('heading', { level: 1, name: projectTitle })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Articles' });
  for (const article of ARTICLES) {
    await nav.getByRole('button', { name: article.title }).click();
    const region = page.getByRole('region', { name: 'Article' });
    await expect(region).toContainText(article.phrase);
    await expect(region).toHaveAttribute('dir', article.direction);
    // Paragraphs survive: the text is shown as several paragraphs, not one block.
    expect(await region.locator('p').count()).toBeGreaterThan(2);
  }
}

test('create a project, paste every fixture article, and find it all after reload and restart', async ({ page }) => {
  const dataDir = makeDataDir();
  harness = await startHarnessProcess(dataDir);
  await page.goto(harness.url);
  await createProject(page, 'Fixture articles');
  for (const article of ARTICLES) await addArticle(page, article);

  await page.reload();
  await expectAllArticles(page, 'Fixture articles');

  await harness.stop();
  harness = await startHarnessProcess(dataDir);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Fixture articles', exact: true }).click();
  await expectAllArticles(page, 'Fixture articles');

  // The rows are really in SQLite, with the text normalised and the direction detected.
  const db = new Database(path.join(dataDir, 'library.sqlite'), { readonly: true });
  const rows = db.prepare('SELECT title, direction, language, text FROM articles ORDER BY created_at').all() as {
    title: string;
    direction: string;
    language: string;
    text: string;
  }[];
  db.close();
  expect(rows.map((row) => row.title)).toEqual(ARTICLES.map((article) => article.title));
  expect(rows.map((row) => row.direction)).toEqual(['ltr', 'ltr', 'ltr', 'rtl']);
  expect(rows.map((row) => row.language)).toEqual(['en', 'ru', 'ko', 'ar']);
  expect(rows[0]!.text).not.toMatch(/\r|[ \t]+\n/);
});

test('rename and delete a project, with confirmation', async ({ page }) => {
  harness = await startHarnessProcess(makeDataDir());
  await page.goto(harness.url);
  await createProject(page, 'Draft name');
  await page.getByRole('button', { name: '← All projects' }).click();
  await page.getByRole('button', { name: 'Rename Draft name' }).click();
  await page.getByLabel('New title').fill('Final name');
  await page.getByRole('button', { name: 'Save title' }).click();
  await expect(page.getByRole('button', { name: 'Final name', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Delete Final name' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete “Final name”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Final name', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Delete Final name' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete project' }).click();
  await expect(page.getByText('No projects yet.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No projects yet.')).toBeVisible();
});

test('bad input gets a clear message and loses nothing', async ({ page }) => {
  harness = await startHarnessProcess(makeDataDir());
  await page.goto(harness.url);

  // An empty project title.
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project title').fill('   ');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('alert')).toContainText('Give the project a title.');
  await page.getByLabel('Project title').fill('Bad input');
  await page.getByRole('button', { name: 'Create project' }).click();

  const form = page.getByRole('form', { name: 'Add article' });
  // No text, no title.
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(form.getByText('Paste the article text first.')).toBeVisible();

  // A URL that is not a URL, then a date in the future: each refused with its message.
  await form.getByLabel('Article text').fill('Line one.\n\nLine two with a NUL\u0000 byte and a lone surrogate \ud800 here.');
  await form.getByLabel('Title', { exact: true }).fill('Odd text');
  await form.getByLabel('URL').fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(form.getByRole('alert')).toContainText('Enter a web address that starts with http:// or https://.');
  await form.getByLabel('URL').fill('https://example.org/story');
  await form.getByLabel('Published').fill('2999-01-01');
  await page.getByRole('button', { name: 'Save article' }).click();
  // The field itself refuses it now (main would too, with its own message).
  await expect(form.getByRole('alert')).toContainText('That date is in the future. Check the year.');
  await form.getByLabel('Published').fill('2024-01-01');
  await page.getByRole('button', { name: 'Save article' }).click();
  const region = page.getByRole('region', { name: 'Article' });
  await expect(region).toContainText('Line two with a NUL byte and a lone surrogate \ufffd here.');

  // A 50 MB paste is refused before it reaches the text box; what was typed stays.
  await page.getByRole('button', { name: 'Add article' }).click();
  const textBox = form.getByLabel('Article text');
  await textBox.fill('Kept text.');
  await textBox.evaluate((element) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'x'.repeat(50 * 1024 * 1024));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(form.getByRole('alert')).toContainText('That paste is too long');
  await expect(textBox).toHaveValue('Kept text.');
});

test('pasted HTML becomes plain paragraphs and is never rendered', async ({ page }) => {
  harness = await startHarnessProcess(makeDataDir());
  await page.goto(harness.url);
  await createProject(page, 'HTML paste');
  const form = page.getByRole('form', { name: 'Add article' });
  const textBox = form.getByLabel('Article text');
  await textBox.evaluate((element) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'fallback');
    data.setData(
      'text/html',
      '<html><head><style>p{color:red}</style></head><body><h1>Headline</h1><p>First <b>para</b>graph &amp; more.</p><script>window.pwned=1</script><p>Second <img src=x onerror="window.pwned=2">paragraph.</p></body></html>',
    );
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(textBox).toHaveValue('Headline\n\nFirst paragraph & more.\n\nSecond paragraph.');
  await form.getByLabel('Title', { exact: true }).fill('From the web');
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('region', { name: 'Article' }).locator('p')).toHaveText(['Headline', 'First paragraph & more.', 'Second paragraph.']);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});

test('a damaged library and one from a newer version are refused with a clear message, untouched', async ({ page }) => {
  const damagedDir = makeDataDir();
  const damaged = path.join(damagedDir, 'library.sqlite');
  fs.writeFileSync(damaged, 'this is not a database, just some bytes'.repeat(100));
  const before = fs.readFileSync(damaged);
  harness = await startHarnessProcess(damagedDir);
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Your library could not be opened' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('is damaged or is not a Factcheck library');
  expect(fs.readFileSync(damaged).equals(before)).toBe(true);
  await harness.stop();

  const newerDir = makeDataDir();
  const newer = new Database(path.join(newerDir, 'library.sqlite'));
  // A library of a newer app: ours (our application_id), with a data version this app does not know.
  newer.pragma('application_id = 1178823499');
  newer.pragma('user_version = 999');
  newer.exec('CREATE TABLE future_things (id TEXT) STRICT');
  newer.close();
  const newerBytes = fs.readFileSync(path.join(newerDir, 'library.sqlite'));
  harness = await startHarnessProcess(newerDir);
  await page.goto(harness.url);
  await expect(page.getByRole('alert')).toContainText('saved by a newer version of Factcheck Workbench');
  expect(fs.readFileSync(path.join(newerDir, 'library.sqlite')).equals(newerBytes)).toBe(true);
});
