import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { makeDataDir, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

// Reference fact-checks from the project list: import a file of published fact-checks into a
// named collection, see it listed with its count, delete it.

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'references');
const running: RunningHarness[] = [];
test.afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

async function start(): Promise<RunningHarness> {
  const harness = await startHarnessProcess(makeDataDir('factcheck-references-'));
  running.push(harness);
  return harness;
}

/** The harness's stand-in for the native open dialog: the next "open" answers this path. */
async function chooseFileToOpen(harness: RunningHarness, filePath: string) {
  await fetch(`${harness.url}/__harness/open-path`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
    body: JSON.stringify({ path: filePath }),
  });
}

async function openReferenceChecks(page: Page, harness: RunningHarness) {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Reference fact-checks…' }).click();
  return page.getByRole('dialog', { name: 'Reference fact-checks' });
}

test('the CheckThat! TSV imports without a mapping step, is listed with its count, and can be deleted', async ({ page }) => {
  const harness = await start();
  await chooseFileToOpen(harness, path.join(FIXTURES, 'verified_claims.docs.tsv'));
  const list = await openReferenceChecks(page, harness);
  await expect(list).toContainText('No reference fact-checks yet.');
  await list.getByRole('button', { name: 'Import fact-checks…' }).click();

  const preview = page.getByRole('dialog', { name: 'Import “verified_claims.docs.tsv”' });
  await expect(preview).toContainText('Format: TSV · 20 items');
  await expect(preview.getByRole('group', { name: 'Which column holds what' })).toHaveCount(0);
  const sample = preview.getByRole('table', { name: 'Sample' });
  await expect(sample.getByRole('row')).toHaveCount(6);
  await expect(sample).toContainText('Says a photo shows a shark swimming on a flooded highway in Houston.');
  await expect(preview.getByLabel('Collection name')).toHaveValue('verified_claims.docs');
  await preview.getByLabel('Collection name').fill('CheckThat 2020');
  // Keyboard only: Tab from the name field reaches Back, then Import.
  await preview.getByLabel('Collection name').press('Tab');
  await expect(preview.getByRole('button', { name: 'Back' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(preview.getByRole('button', { name: 'Import', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');

  const done = page.getByRole('dialog', { name: 'Import finished' });
  await expect(done.getByRole('status')).toContainText('20 fact-checks added.');
  await done.getByRole('button', { name: 'Done' }).press('Enter');

  const collections = list.getByRole('table', { name: 'Collections' });
  const row = collections.getByRole('row', { name: /CheckThat 2020/ });
  await expect(row).toContainText('TSV');
  await expect(row.getByRole('cell').nth(1)).toHaveText('20');

  await row.getByRole('button', { name: 'Delete CheckThat 2020' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete “CheckThat 2020”?' });
  await expect(confirm).toContainText('This removes its 20 fact-checks from your library.');
  await confirm.getByRole('button', { name: 'Delete collection' }).click();
  await expect(list).toContainText('No reference fact-checks yet.');

  // And the collection is gone after a reload too.
  const reopened = await openReferenceChecks(page, harness);
  await expect(reopened).toContainText('No reference fact-checks yet.');
});

test('a CSV whose headers are not obvious asks which column holds what', async ({ page }) => {
  const harness = await start();
  await chooseFileToOpen(harness, path.join(FIXTURES, 'needs-mapping.csv'));
  const list = await openReferenceChecks(page, harness);
  await list.getByRole('button', { name: 'Import fact-checks…' }).click();

  const preview = page.getByRole('dialog', { name: 'Import “needs-mapping.csv”' });
  await expect(preview).toContainText('Format: CSV · 3 items');
  await expect(preview.getByRole('alert')).toHaveText('Choose the column that holds the claim text.');
  await expect(preview.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await preview.getByLabel('Claim text (required)').selectOption('Quote');
  await preview.getByLabel('Rating').selectOption('Outcome');
  await preview.getByLabel('URL').selectOption('Link to article');
  await expect(preview.getByRole('table', { name: 'Sample' })).toContainText('Mostly false');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Import finished' }).getByRole('status')).toContainText('3 fact-checks added.');
  await page.getByRole('button', { name: 'Done' }).click();
  const row = list.getByRole('table', { name: 'Collections' }).getByRole('row', { name: /needs-mapping/ });
  await expect(row).toContainText('CSV');
  await expect(row.getByRole('cell').nth(1)).toHaveText('3');
});
