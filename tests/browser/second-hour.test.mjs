// The second hour of a new user: what the header and the forms say stays one
// truth, a reload keeps what is pending, a new environment without a server
// is an error, the file filter takes several words, and the counts read as
// words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStudio, dropFiles, FIXTURES, studioSuite } from './harness.mjs';

const suite = studioSuite();
const acme = { name: 'acme.yaml', bytes: fs.readFileSync(path.join(FIXTURES, 'acme.yaml')) };
const section = (page, name) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
const envSwitch = (page) => page.locator('.env-switch select');

test('a dropped site whose environments come in another order: the header shows the environment the forms edit', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  assert.equal(await envSwitch(page).inputValue(), 'prd');
  // acme lists dev, stg, prd: the switch must not fall back to its first option.
  await dropFiles(page, [acme]);
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  await section(page, 'Services');
  await page.getByRole('heading', { name: 'Services in prd' }).waitFor();
  assert.equal(await envSwitch(page).inputValue(), 'prd');
  assert.equal(await envSwitch(page).evaluate((s) => s.options[s.selectedIndex].textContent), 'prd');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a reload with pending changes keeps them pending', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await dropFiles(page, [acme]);
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  await section(page, 'Project');
  await page.getByLabel('Description').fill('pending until reviewed');
  const counts = page.getByTestId('change-counts');
  await counts.filter({ hasText: /prd [1-9]/ }).waitFor();
  const before = await counts.textContent();
  await page.waitForFunction(() => localStorage.getItem('xgen-studio/session/v1')?.includes('pending until reviewed'), null, { timeout: 5000 });
  await page.reload();
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  await counts.filter({ hasText: before }).waitFor({ timeout: 5000 });
  assert.equal(await page.getByTestId('new-problem').count(), 0, 'no warning is marked new after a reload');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a new environment without a cluster server is an error, at its field', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Environments');
  await page.getByLabel('New environment').fill('stg');
  await page.getByRole('button', { name: 'Add environment' }).click();
  const stg = page.locator('li.card[data-env="stg"]');
  await stg.waitFor();
  await page.locator('li.problem', { hasText: 'XS201' }).filter({ hasText: 'stg' }).first().waitFor();
  assert.doesNotMatch(await page.locator('#download-errors').textContent(), /no errors/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the file filter takes several words, all of which must match, and says when none does', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  const filter = page.getByLabel('Filter files');
  const files = page.getByRole('navigation', { name: 'Bundle files' }).getByRole('button');
  await filter.fill('prd xgen-core');
  await page.getByTestId('filter-count').filter({ hasText: /of/ }).waitFor();
  const names = await files.allTextContents();
  assert.ok(names.length > 0, 'some files match both words');
  assert.ok(names.every((n) => n.includes('xgen-core') || n.endsWith('.yaml')), names.join(', '));
  await filter.fill('prd nothing-is-called-this');
  await page.getByTestId('filter-count').filter({ hasText: 'no files match' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('the header counts warnings beside errors, in words', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  // The example has warnings and no errors.
  await page.locator('#download-errors').filter({ hasText: /^no errors · \d+ warnings$/ }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
