import { expect, test } from '@playwright/test';
import path from 'node:path';
import { writeBigProjectFile } from '../support/bigProjectFile';
import { callApi, makeDataDir, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

// Long work in the window: importing a 50,000-claim project file shows its progress as a
// percentage, "Cancel import" stops it with nothing changed, and the same file imports after all.

const running: RunningHarness[] = [];
test.afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

test('a 50,000-claim import shows its progress and can be cancelled with nothing changed', async ({ page }) => {
  test.setTimeout(180_000);
  const harness = await startHarnessProcess(makeDataDir('factcheck-long-work-'));
  running.push(harness);
  await callApi(harness, 'projects.create', { title: 'Already here' });
  const file = path.join(harness.dataDir, 'Fifty thousand.factcheck');
  const big = writeBigProjectFile(file, 500);

  await fetch(`${harness.url}/__harness/open-path`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
    body: JSON.stringify({ path: file }),
  });
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Import project file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import “Fifty thousand.factcheck”' });
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await expect(dialog).toContainText('50,000 claims');

  // Writing: a percentage and a bar with a value, then Cancel import.
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const bar = dialog.getByRole('progressbar', { name: 'Import: progress' });
  await expect(bar).toHaveAttribute('value', /^\d+$/, { timeout: 60_000 });
  await expect(dialog.getByRole('status')).toContainText(/Writing “Bench” to your library\s*\d+\s?%/);
  await dialog.getByRole('button', { name: 'Cancel import' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The import was cancelled. Nothing in your library was changed.', {
    timeout: 60_000,
  });
  await expect(bar).toBeHidden();
  expect((await callApi<{ title: string }[]>(harness, 'projects.list', {})).map((project) => project.title)).toEqual(['Already here']);

  // The file is still open in the dialog: imported after all.
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Import finished' })).toBeVisible({ timeout: 120_000 });
  const projects = await callApi<{ title: string; claimCount: number }[]>(harness, 'projects.list', {});
  expect(projects.find((project) => project.title === big.title)?.claimCount).toBe(50_000);
});
