// Undo/redo over imports and edits, by button and keyboard; autosave and
// restore on reload; "Start fresh".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStudio, dropFiles, FIXTURES, studioSuite } from './harness.mjs';

const suite = studioSuite();
const acme = { name: 'acme.yaml', bytes: fs.readFileSync(path.join(FIXTURES, 'acme.yaml')) };

const name = (page) => page.getByTestId('project-name');

test('undo and redo an import, by button and by keyboard', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  assert.ok(await page.getByRole('button', { name: 'Undo' }).isDisabled(), 'nothing to undo at start');
  await dropFiles(page, [acme]);
  await name(page).filter({ hasText: 'acme' }).waitFor();
  // Undo and redo of an import go back to the other project, not to a new
  // version of this one: no file is marked as changed by the last edit.
  const marked = () => page.locator('button.file.changed').count();
  await page.getByRole('button', { name: 'Undo' }).click();
  await name(page).filter({ hasText: 'xgen' }).waitFor();
  await page.waitForTimeout(100);
  assert.equal(await marked(), 0, 'after undoing an import, nothing is marked changed');
  assert.equal(await page.getByTestId('changed-count').textContent(), '');
  await page.getByRole('button', { name: 'Redo' }).click();
  await name(page).filter({ hasText: 'acme' }).waitFor();
  await page.waitForTimeout(100);
  assert.equal(await marked(), 0, 'after redoing an import, nothing is marked changed');
  await page.locator('body').press('Control+z');
  await name(page).filter({ hasText: 'xgen' }).waitFor();
  await page.locator('body').press('Control+Shift+z');
  await name(page).filter({ hasText: 'acme' }).waitFor();
  // An edit of the project still marks the files it touched: the project
  // file and each environment's AppProject (it carries the description).
  await page.getByRole('button', { name: 'Project', exact: true }).click();
  await page.getByLabel('Description').fill('after undo and redo');
  await page.getByTestId('changed-count').filter({ hasText: 'The last change touched 4 files' }).waitFor();
  assert.deepEqual(await page.locator('button.file.changed').evaluateAll((bs) => bs.map((b) => b.title)), [
    'k3s/argocd/projects/acme.yaml',
    'rendered/dev/argocd/appproject.yaml',
    'rendered/prd/argocd/appproject.yaml',
    'rendered/stg/argocd/appproject.yaml',
  ]);
  await page.close();
});

test('work is saved in the browser and restored on reload; start fresh asks first and can be undone', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await dropFiles(page, [acme]);
  await name(page).filter({ hasText: 'acme' }).waitFor();
  // Saved once the edits pause, without waiting for the page to be left.
  await page.waitForFunction(() => localStorage.getItem('xgen-studio/session/v1')?.includes('acme'), null, { timeout: 5000 });
  await page.reload();
  await name(page).filter({ hasText: 'acme' }).waitFor();
  assert.match(await page.getByRole('status').textContent(), /Restored your work/);
  // Leaving the page saves at once, even mid-typing.
  await page.getByRole('button', { name: 'Project', exact: true }).click();
  await page.getByLabel('Description').fill('typed just before the reload');
  await page.reload();
  await page.getByRole('button', { name: 'Project', exact: true }).click();
  assert.equal(await page.getByLabel('Description').inputValue(), 'typed just before the reload');
  await page.getByRole('button', { name: 'Overview', exact: true }).click();
  assert.deepEqual(await page.locator('section.env h3').allTextContents(), ['dev', 'stg', 'prd']);
  // Start fresh asks first; keeping the project changes nothing.
  await page.getByRole('button', { name: 'Start fresh' }).click();
  const question = page.getByRole('alertdialog');
  await question.filter({ hasText: 'Replace this project and its edits with a new, empty project' }).waitFor();
  await question.getByRole('button', { name: 'Keep my project' }).click();
  await question.waitFor({ state: 'detached' });
  assert.match(await name(page).textContent(), /acme/);
  // Confirmed, it opens a new, empty project, and Undo brings the project back.
  await page.getByRole('button', { name: 'Start fresh' }).click();
  await question.getByRole('button', { name: 'Start a new project' }).click();
  await name(page).filter({ hasText: 'new-site' }).waitFor();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await name(page).filter({ hasText: 'acme' }).waitFor();
  await page.getByRole('button', { name: 'Project', exact: true }).click();
  assert.equal(await page.getByLabel('Description').inputValue(), 'typed just before the reload');
  await page.close();
});
