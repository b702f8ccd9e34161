import { expect, test } from '@playwright/test';
import { callApi, makeDataDir, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

/** Plays what the native menu (or the OS) sends the window in the app. */
async function emit(channel: string, payload: unknown) {
  const response = await fetch(`${harness.url}/__harness/event`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
    body: JSON.stringify({ channel, payload }),
  });
  expect(response.status).toBe(200);
}

test('menu commands and an opened .factcheck file reach the window', async ({ page }) => {
  harness = await startHarnessProcess(makeDataDir('factcheck-menu-'));
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Menu project' });
  await page.goto(`${harness.url}/#/project/${project.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Menu project' })).toBeVisible();

  // File → New project: back to the list, with the form open.
  await emit('menu.command', { command: 'new-project' });
  await expect(page.getByLabel('Project title')).toBeFocused();

  // File → Settings… and Help → About.
  await emit('menu.command', { command: 'settings' });
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await settings.getByRole('button', { name: 'Cancel' }).click();
  await emit('menu.command', { command: 'about' });
  const about = page.getByRole('dialog', { name: 'About Factcheck Workbench' });
  await expect(about).toContainText('library.sqlite');
  await about.getByRole('button', { name: 'Close' }).click();

  // Export report… with no project open says what to do.
  await emit('menu.command', { command: 'export-report' });
  await expect(page.getByRole('status').filter({ hasText: 'Open a project first.' })).toBeVisible();

  // Double-clicking a .factcheck file: the import dialog reads that file (here, a damaged one).
  await emit('projectFile.open', { path: `${harness.dataDir}/missing.factcheck` });
  const dialog = page.getByRole('dialog', { name: 'Import project file' });
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expect(dialog).toContainText('Nothing in your library was changed.');

  // An event the app does not know is refused.
  const refused = await fetch(`${harness.url}/__harness/event`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
    body: JSON.stringify({ channel: 'menu.command', payload: { command: 'format-disk' } }),
  });
  expect(refused.status).toBe(400);
});
