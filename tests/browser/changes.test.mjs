// The Changes view: what Argo CD would change per environment, against the
// project as imported; undo moves the counts, "Set as baseline" clears them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStudio, studioSuite } from './harness.mjs';

const suite = studioSuite();
const section = (page, name) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();

test('a route and a replica edit: the Changes view lists exactly those objects, in the right environments', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  const counts = page.getByTestId('change-counts');
  await counts.filter({ hasText: 'Changes: prd 0 · dev 0' }).waitFor();

  await section(page, 'Routes');
  await page.locator('li.route-row.api').first().getByLabel('Path').fill('/apis/');
  await section(page, 'Services');
  await page.locator('[id$="environments_prd_services_6__replicas"]').fill('2');
  await counts.filter({ hasText: 'Changes: prd 3 · dev 1' }).waitFor();

  await counts.click();
  assert.equal(await page.locator('[data-env="dev"] h3').textContent(), 'dev: 1 object changes');
  assert.equal(await page.locator('[data-env="prd"] h3').textContent(), 'prd: 3 objects change');
  const listed = async (env) =>
    page.locator(`[data-testid="env-changes"][data-env="${env}"] [data-testid="object-change"] summary`).allTextContents();
  assert.deepEqual(await listed('prd'), [
    'changed Application xgen-model-prd argocd/application-xgen-model-prd.yaml',
    'changed VirtualService xgen-frontend-vs xgen-frontend/virtualservice.yaml',
    'changed Deployment xgen-model xgen-model/deployment.yaml',
  ]);
  assert.deepEqual(await listed('dev'), ['changed VirtualService xgen-frontend-vs xgen-frontend/virtualservice.yaml']);
  const vs = page.locator('[data-env="prd"] [data-testid="object-change"]', { hasText: 'VirtualService' });
  await vs.locator('summary').click();
  assert.deepEqual(await vs.locator('.line.added').allTextContents(), ['+        prefix: /apis/\n']);
  assert.deepEqual(await vs.locator('.line.removed').allTextContents(), ['-        prefix: /api/\n']);
  assert.match(await page.getByTestId('source-changes').textContent(), /k3s\/argocd\/projects\/xgen\.yaml/);

  // Undo takes the replica edit back, and its objects with it.
  await page.getByRole('button', { name: 'Undo' }).click();
  await counts.filter({ hasText: 'Changes: prd 1 · dev 1' }).waitFor();
  await page.getByRole('button', { name: 'Set as baseline (mark as deployed)' }).click();
  await counts.filter({ hasText: 'Changes: prd 0 · dev 0' }).waitFor();
  assert.equal(await page.getByTestId('object-change').count(), 0);
  await page.close();
});
