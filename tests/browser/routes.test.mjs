// The routes form: add and edit rules, match kinds with their rules, the
// destination picked from the environment (port filled in), problems that
// point at the route, and reordering by keyboard and by drag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStudio, studioSuite } from './harness.mjs';

const suite = studioSuite();

async function openRoutes(env) {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await page.locator('.env-switch select').selectOption(env);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Routes' }).click();
  await page
    .getByRole('navigation', { name: 'Bundle files' })
    .locator('details', { hasText: `Rendered · ${env}` })
    .getByRole('button', { name: 'xgen-frontend/virtualservice.yaml', exact: true })
    .click();
  return page;
}
const code = (page) => page.getByTestId('code');
const apiRows = (page) => page.locator('li.route-row.api');

test('add an API route; pick its service and match kind; the VirtualService follows', async () => {
  const page = await openRoutes('prd');
  await page.getByRole('button', { name: 'Add API route' }).click();
  const row = apiRows(page).nth(1);
  await row.getByLabel('Service').selectOption('xgen-core');
  assert.equal(await row.getByLabel('Port').inputValue(), '8000', 'port filled from the service');
  await row.getByLabel('Path').fill('/core/');
  await code(page).filter({ hasText: 'prefix: /core/' }).waitFor();
  assert.match(await code(page).textContent(), /host: xgen-core/);
  await row.getByLabel('Match').selectOption('regex');
  await code(page).filter({ hasText: 'regex: /core/' }).waitFor();
  // An invalid regex shows its rule and stays out of the state.
  await row.getByLabel('Path').fill('/core/(');
  assert.match(await row.locator('.field.invalid .field-msg').textContent(), /RE2/);
  assert.match(await code(page).textContent(), /regex: \/core\/\n/);
  await page.close();
});

test('"Any case" sets ignoreUriCase: the VirtualService and the simulator follow', async () => {
  const page = await openRoutes('prd');
  const row = apiRows(page).first();
  const anyCase = row.getByLabel('Any case (ignoreUriCase)');
  assert.equal(await anyCase.isChecked(), false);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Simulator' }).click();
  await page.getByLabel('URL', { exact: true }).fill('https://jeju-xgen.x2bee.com/API/v1');
  await page.getByTestId('sim-destination').filter({ hasText: 'xgen-frontend:3000' }).waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Routes' }).click();
  await apiRows(page).first().getByLabel('Any case (ignoreUriCase)').check();
  await code(page).filter({ hasText: 'ignoreUriCase: true' }).waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Simulator' }).click();
  await page.getByLabel('URL', { exact: true }).fill('https://jeju-xgen.x2bee.com/API/v1');
  await page.getByTestId('sim-destination').filter({ hasText: 'xgen-backend-gateway:8000' }).waitFor();
  // For a regex, Envoy ignores it, and the row says so.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Routes' }).click();
  await apiRows(page).first().getByLabel('Match').selectOption('regex');
  await apiRows(page).first().locator('.field-msg', { hasText: 'Envoy ignores this for a regex' }).waitFor();
  await page.close();
});

test('a route to a service missing from an environment is a problem that leads to the route', async () => {
  const page = await openRoutes('prd');
  await apiRows(page).first().getByLabel('Service').selectOption('xgen-model');
  const problem = page.getByRole('button', { name: /XS101 error/ });
  await problem.waitFor();
  assert.match(await page.locator('li.problem', { has: problem }).textContent(), /in dev, route 2 sends traffic to xgen-model, which/);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Overview' }).click();
  await problem.click();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('ingress_routes_0__service'));
  await page.close();
});

test('reorder API routes by keyboard and by drag', async () => {
  const page = await openRoutes('prd');
  await page.getByRole('button', { name: 'Add API route' }).click();
  await apiRows(page).nth(1).getByLabel('Path').fill('/zzz/');
  await code(page).filter({ hasText: 'prefix: /zzz/' }).waitFor();
  const order = async () => [...(await code(page).textContent()).matchAll(/prefix: (\/api\/|\/zzz\/)\n/g)].map((m) => m[1]);
  assert.deepEqual(await order(), ['/api/', '/zzz/']);
  // The buttons name a route by the index the row shows (its rule index:
  // two SSE rules come first).
  assert.equal(await apiRows(page).nth(1).locator('.rule-index').textContent(), '3');
  await page.getByRole('button', { name: 'Move route 3 up' }).focus();
  await page.keyboard.press('Enter');
  await code(page).filter({ hasText: /prefix: \/zzz\/\n[\s\S]*prefix: \/api\// }).waitFor();
  assert.deepEqual(await order(), ['/zzz/', '/api/']);
  await apiRows(page).nth(1).locator('.rule-index').dragTo(apiRows(page).nth(0).locator('.rule-index'));
  await code(page).filter({ hasText: /prefix: \/api\/\n[\s\S]*prefix: \/zzz\// }).waitFor();
  assert.deepEqual(await order(), ['/api/', '/zzz/']);
  await page.close();
});

test('reorder SSE routes by keyboard and by drag', async () => {
  const page = await openRoutes('prd');
  const order = async () => [...(await code(page).textContent()).matchAll(/prefix: (\/api\/workflow\/execute\/\w+)\/stream/g)].map((m) => m[1].split('/').pop());
  assert.deepEqual(await order(), ['based_id', 'deploy']);
  await page.getByRole('button', { name: 'Move SSE route 0 down' }).focus();
  await page.keyboard.press('Enter');
  await code(page).filter({ hasText: /deploy\/stream\n[\s\S]*based_id\/stream/ }).waitFor();
  const rows = page.locator('li.route-row.sse');
  await rows.nth(1).locator('.rule-index').dragTo(rows.nth(0).locator('.rule-index'));
  await code(page).filter({ hasText: /based_id\/stream\n[\s\S]*deploy\/stream/ }).waitFor();
  assert.deepEqual(await order(), ['based_id', 'deploy']);
  await page.close();
});
