// The forms: each edit reaches the preview at once; invalid input shows its
// rule and never reaches the state; problems point at their field; undo and
// reload restore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStudio, studioSuite } from './harness.mjs';

const suite = studioSuite();

async function open(section) {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section }).click();
  return { page, errors };
}

const tree = (page) => page.getByRole('navigation', { name: 'Bundle files' });
const code = (page) => page.getByTestId('code');
async function show(page, group, file) {
  await tree(page).locator('details', { hasText: group }).getByRole('button', { name: file, exact: true }).click();
}

test('project form: an edit shows in the preview; undo restores it; reload keeps it', async () => {
  const { page } = await open('Project');
  await page.getByLabel('Description').fill('Jeju production site');
  await code(page).filter({ hasText: 'description: "Jeju production site"' }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await code(page).filter({ hasText: 'description: "xgen2.0 Platform"' }).waitFor();
  await page.getByRole('button', { name: 'Redo' }).click();
  await code(page).filter({ hasText: 'description: "Jeju production site"' }).waitFor();
  await page.reload();
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  await code(page).filter({ hasText: 'description: "Jeju production site"' }).waitFor();
  await page.close();
});

test('project form: an invalid namespace shows its rule and stays out of the files', async () => {
  const { page } = await open('Project');
  await page.getByLabel('Namespace').fill('Team NS');
  assert.match(await page.locator('.field.invalid .field-msg').textContent(), /lower-case/);
  assert.match(await code(page).textContent(), /namespace: xgen\n/);
  await page.getByLabel('Namespace').fill('team-ns');
  await code(page).filter({ hasText: 'namespace: team-ns' }).waitFor();
  await page.close();
});

test('project form: a variable reaches every Application as a parameter', async () => {
  const { page } = await open('Project');
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Name', { exact: true }).last().fill('FEATURE_X');
  await page.getByLabel('Name', { exact: true }).last().press('Tab');
  await page.getByLabel('Value').last().fill('on,off');
  await show(page, 'Rendered · dev', 'argocd/application-xgen-core-dev.yaml');
  await code(page).filter({ hasText: 'config.FEATURE_X' }).waitFor();
  assert.match(await code(page).textContent(), /value: on,off/);
  await page.close();
});

test('environments form: add, rename and validate; the preview follows', async () => {
  const { page } = await open('Environments');
  await page.getByLabel('New environment').fill('stg');
  await page.getByRole('button', { name: 'Add environment' }).click();
  await tree(page).locator('summary', { hasText: 'Rendered · stg' }).waitFor();
  const stg = page.locator('li.card[data-env="stg"]');
  await stg.getByLabel('Cluster server').fill('k8s.example.com');
  assert.match(await stg.locator('.field.invalid .field-msg').textContent(), /https:\/\//);
  await stg.getByLabel('Cluster server').fill('https://stg.example.com:6443');
  assert.equal(await stg.locator('.field.invalid').count(), 0);
  await stg.getByLabel('Name', { exact: true }).fill('qa');
  await stg.getByLabel('Name', { exact: true }).press('Enter');
  await tree(page).locator('summary', { hasText: 'Rendered · qa' }).waitFor();
  await show(page, 'Rendered · qa', 'argocd/appproject.yaml');
  assert.match(await code(page).textContent(), /https:\/\/stg\.example\.com:6443/);
  // An invalid name is refused, with its rule shown.
  const dev = page.locator('li.card[data-env="dev"]');
  await dev.getByLabel('Name', { exact: true }).fill('Dev Env');
  await dev.getByLabel('Name', { exact: true }).press('Enter');
  assert.match(await dev.locator('.field-msg').first().textContent(), /lower-case/);
  assert.equal(await tree(page).locator('summary', { hasText: 'Rendered · dev' }).count(), 1);
  await page.close();
});

test('services form: replicas edit, invalid number kept out, problem focuses its field', async () => {
  const { page } = await open('Services');
  await page.locator('.env-switch select').selectOption('prd');
  const frontend = page.locator('li.card[data-service="xgen-frontend"]');
  await frontend.getByLabel('Replicas', { exact: true }).fill('3');
  await show(page, 'Rendered · prd', 'argocd/application-xgen-frontend-prd.yaml');
  await code(page).filter({ hasText: "value: '3'" }).waitFor();
  // Not a number: the message shows and the state keeps 3.
  await frontend.getByLabel('Replicas', { exact: true }).fill('three');
  assert.match(await frontend.locator('.field.invalid .field-msg').textContent(), /whole number/);
  assert.match(await code(page).textContent(), /value: '3'/);
  // min above max: XS204 appears; clicking it focuses the field.
  await frontend.getByLabel('Min replicas').fill('9');
  const problem = page.getByRole('button', { name: /XS204 error/ });
  await problem.waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Overview' }).click();
  await problem.click();
  await page.waitForFunction(() => document.activeElement?.id?.includes('autoscaling_minReplicas'));
  assert.equal(await page.locator('.env-switch select').inputValue(), 'prd');
  await page.close();
});

test('services form: add and remove a service in an environment', async () => {
  const { page } = await open('Services');
  await page.locator('.env-switch select').selectOption('dev');
  await page.getByLabel('Standard service').selectOption('xgen-model');
  await page.getByRole('button', { name: 'Add service' }).click();
  await page.locator('li.card[data-service="xgen-model"]').waitFor();
  await tree(page).locator('details', { hasText: 'Rendered · dev' }).getByRole('button', { name: 'xgen-model/deployment.yaml', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Remove service xgen-model' }).click();
  await page.locator('li.card[data-service="xgen-model"]').waitFor({ state: 'detached' });
  assert.equal(await tree(page).getByRole('button', { name: 'xgen-model/deployment.yaml', exact: true }).count(), 1, 'only prd has it');
  await page.close();
});
