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

// Item 4: a new environment's domain reaches its frontend, and a domain no
// service receives is a problem at its field.
test('a new environment with a domain: the added frontend receives it, and a domain nothing receives is a warning', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Environments');
  await page.getByLabel('New environment').fill('stg');
  await page.getByRole('button', { name: 'Add environment' }).click();
  const stg = page.locator('li.card[data-env="stg"]');
  await stg.getByLabel('Cluster server').fill('https://kubernetes.default.svc');
  await stg.getByLabel('Domain').fill('stg.x2bee.com');
  // A domain with no service yet reaches nothing: said at once.
  const unused = page.locator('li.problem', { hasText: 'XS111' }).filter({ hasText: 'stg.x2bee.com' });
  await unused.first().waitFor();
  await envSwitch(page).selectOption('stg');
  await section(page, 'Services');
  await page.getByRole('heading', { name: 'Services in stg' }).waitFor();
  await page.getByLabel('Standard service').selectOption('xgen-frontend');
  await page.getByRole('button', { name: 'Add service' }).click();
  const card = page.locator('li.service-card[data-service="xgen-frontend"]');
  await card.waitFor();
  assert.equal(await card.getByLabel('Receives the domain').inputValue(), 'yes', 'as in prd and dev');
  await unused.first().waitFor({ state: 'detached' });
  // The simulator answers from stg's frontend.
  await section(page, 'Simulator');
  await page.getByLabel('URL', { exact: true }).fill('https://stg.x2bee.com/');
  await page.getByTestId('sim-status').filter({ hasText: '200' }).waitFor();
  assert.match(await page.getByTestId('sim-destination').textContent(), /xgen-frontend/);
  // Taken back, the domain reaches nothing again, and a problem says so.
  await section(page, 'Services');
  await card.getByLabel('Receives the domain').selectOption('unset');
  await unused.first().waitFor();
  assert.match(await unused.first().textContent(), /turn on “Receives the domain”.*xgen-frontend/);
  assert.deepEqual(errors, []);
  await page.close();
});

// Item 6: each service once per environment; every refused download says why
// beside the button.
test('the service picker offers each service once, and a new name already there is refused in words', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Services');
  await page.getByRole('heading', { name: 'Services in prd' }).waitFor();
  const cards = page.locator('li.service-card');
  const before = await cards.count();
  const offered = await page.getByLabel('Standard service').locator('option').allTextContents();
  assert.ok(!offered.includes('xgen-frontend'), `prd has the frontend already: ${offered.join(', ')}`);
  await page.getByLabel('Or a new name').fill('xgen-frontend');
  await page.locator('#add-service-msg').filter({ hasText: 'prd already has the service xgen-frontend.' }).waitFor();
  await page.getByRole('button', { name: 'Add service' }).click();
  assert.equal(await cards.count(), before);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a service listed twice: the download is refused in words beside the button, and the file list counts what it shows', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  const twice = [
    'project: {name: twice, namespace: twice}',
    'destinations: {stg: {server: https://kubernetes.default.svc, domain: stg.example.com}}',
    'environments:',
    '  stg:',
    '    services:',
    '      - {name: xgen-frontend, hasDomain: true}',
    '      - {name: xgen-frontend}',
    '',
  ].join('\n');
  await dropFiles(page, [{ name: 'twice.yaml', bytes: Buffer.from(twice) }]);
  await page.getByTestId('project-name').filter({ hasText: 'twice' }).waitFor();
  let downloaded = false;
  page.on('download', () => {
    downloaded = true;
  });
  await page.getByRole('button', { name: 'Download bundle' }).click();
  const refused = page.getByTestId('download-refused');
  await refused.filter({ hasText: 'Not downloaded: xgen-frontend is listed twice in stg' }).waitFor();
  assert.doesNotMatch(await refused.textContent(), /zip|Duplicate filename/);
  assert.equal(downloaded, false);
  // "Rendered · stg (N)" lists N files.
  const group = page.locator('details.group', { hasText: 'Rendered · stg' });
  const title = await group.locator('summary').textContent();
  const shown = await group.locator('li').count();
  assert.equal(title, `Rendered · stg (${shown})`);
  // And the filter's "n of all files" counts each file once.
  const all = await page.locator('details.group li').count();
  await page.getByTestId('file-filter').fill('rendered/stg/');
  await page.getByTestId('filter-count').filter({ hasText: `${shown} of ${all} files` }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('an invalid field: the refused download says why in the header, in view, while focus goes to the field', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Alerts');
  await page.getByLabel('5xx share above (%)').fill('120');
  await page.getByTestId('invalid-fields').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('button', { name: 'Download bundle' }).click();
  const refused = page.getByTestId('download-refused');
  await refused.filter({ hasText: 'Not downloaded' }).waitFor();
  assert.match(await refused.textContent(), /5xx share above \(%\) = 120/);
  await page.waitForFunction(() => document.activeElement?.id?.includes('highErrorRate'));
  const box = await refused.boundingBox();
  const height = await page.evaluate(() => window.innerHeight);
  assert.ok(box && box.y >= 0 && box.y + box.height <= height, `the refusal is in view: ${JSON.stringify(box)}`);
  // Fixing the field retires it.
  await page.getByLabel('5xx share above (%)').fill('30');
  await refused.filter({ hasText: 'Not downloaded' }).waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await page.close();
});

// Item 7: "Start fresh" starts a new, empty project, from a dialog that
// holds focus.
test('Start fresh asks in a dialog that holds focus and closes on Esc, then opens a new, empty project with one environment', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  const fresh = page.getByRole('button', { name: 'Start fresh' });
  await fresh.click();
  const dialog = page.getByRole('alertdialog');
  await dialog.filter({ hasText: 'a new, empty project' }).waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  await page.waitForFunction(() => document.activeElement?.textContent === 'Keep my project');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Start a new project');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Keep my project', 'Tab stays in the dialog');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'Keep my project', 'Shift+Tab too');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focused(), 'Start fresh', 'focus goes back to the button');
  assert.equal(await page.getByTestId('project-name').textContent(), 'xgen');

  await fresh.click();
  await dialog.getByRole('button', { name: 'Start a new project' }).click();
  await page.getByTestId('project-name').filter({ hasText: 'new-site' }).waitFor();
  assert.equal(await focused(), 'Start fresh');
  await page.getByRole('heading', { name: 'Environments' }).waitFor();
  assert.deepEqual(await page.locator('li.card[data-env]').evaluateAll((c) => c.map((e) => e.dataset.env)), ['dev']);
  assert.equal(await page.getByTestId('example-notice').count(), 0);
  await section(page, 'Services');
  await page.getByRole('heading', { name: 'Services in dev' }).waitFor();
  assert.equal(await page.locator('li.service-card').count(), 0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

// Item 10: "Set as baseline" says what it did and can be taken back.
test('Set as baseline says what it did, that undo keeps it, and puts the previous baseline back on request', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  const counts = page.getByTestId('change-counts');
  await section(page, 'Services');
  await page.locator('[id$="environments_prd_services_6__replicas"]').fill('2');
  await counts.filter({ hasText: 'Changes: prd 2 · dev 0' }).waitFor();
  await section(page, 'Changes');
  assert.equal(await page.getByTestId('baseline-note').textContent(), 'Baseline: the project as it was opened.');
  await page.getByRole('button', { name: 'Set as baseline (mark as deployed)' }).click();
  await counts.filter({ hasText: 'Changes: prd 0 · dev 0' }).waitFor();
  const said = page.getByTestId('baseline-said');
  assert.match(await said.textContent(), /Marked as deployed.*Undo and redo change the project, not the baseline/);
  assert.equal(await page.getByTestId('baseline-note').textContent(), 'Baseline: the state you marked as deployed.');
  // Undo moves the project back, not the baseline: said above; and the
  // previous baseline can be put back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await counts.filter({ hasText: 'Changes: prd 2 · dev 0' }).waitFor();
  await page.getByRole('button', { name: 'Put the previous baseline back' }).click();
  await counts.filter({ hasText: 'Changes: prd 0 · dev 0' }).waitFor();
  assert.equal(await said.textContent(), 'The previous baseline is back.');
  assert.equal(await page.getByTestId('baseline-note').textContent(), 'Baseline: the project as it was opened.');
  assert.equal(await page.getByRole('button', { name: 'Put the previous baseline back' }).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a baseline marked as deployed is still the marked one after a reload, with what is pending against it', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  const counts = page.getByTestId('change-counts');
  const replicas = page.locator('[id$="environments_prd_services_6__replicas"]');
  await section(page, 'Services');
  await replicas.fill('2');
  await counts.filter({ hasText: 'Changes: prd 2 · dev 0' }).waitFor();
  await section(page, 'Changes');
  await page.getByRole('button', { name: 'Set as baseline (mark as deployed)' }).click();
  await counts.filter({ hasText: 'Changes: prd 0 · dev 0' }).waitFor();
  await section(page, 'Services');
  await replicas.fill('3');
  await counts.filter({ hasText: 'Changes: prd 2 · dev 0' }).waitFor();
  // Saved when the page pauses: the work, and the baseline with its origin.
  await page.waitForFunction(
    () => /replicas: 3/.test(localStorage.getItem('xgen-studio/session/v1') ?? '') && /origin: marked/.test(localStorage.getItem('xgen-studio/session/v1/baseline') ?? ''),
    null,
    { timeout: 5000 },
  );
  await page.reload();
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  await counts.filter({ hasText: 'Changes: prd 2 · dev 0' }).waitFor({ timeout: 5000 });
  await section(page, 'Changes');
  assert.equal(await page.getByTestId('baseline-note').textContent(), 'Baseline: the state you marked as deployed.');
  assert.deepEqual(errors, []);
  await page.close();
});
