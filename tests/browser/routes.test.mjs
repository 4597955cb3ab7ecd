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
  // An invalid regex shows its rule, and is written as typed (the next test).
  await row.getByLabel('Path').fill('/core/(');
  assert.match(await row.locator('.field.invalid .field-msg').textContent(), /RE2/);
  await code(page).filter({ hasText: 'regex: /core/(' }).waitFor();
  await page.close();
});

// Issue 24 #5: what is typed is what the cluster would get. A new route
// changes no answer until edited; a half-typed regex is in the
// VirtualService, refused there (XS107), and the simulator says so.
test('a route is live as typed: a new one changes nothing, a broken regex is refused everywhere', async () => {
  const page = await openRoutes('prd');
  const simulate = async (url) => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Simulator' }).click();
    await page.getByLabel('URL', { exact: true }).fill(url);
  };
  await simulate('https://jeju-xgen.x2bee.com/new/x');
  await page.getByTestId('sim-destination').filter({ hasText: 'xgen-frontend:3000' }).waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Routes' }).click();
  await page.getByRole('button', { name: 'Add API route' }).click();
  const row = apiRows(page).nth(1);
  // Where the default rule sends everything else, as the form says.
  assert.equal(await page.getByTestId('default-rule').textContent(), 'Then: everything else goes to xgen-frontend:3000.');
  assert.equal(await row.getByLabel('Service').inputValue(), 'xgen-frontend');
  assert.equal(await row.getByLabel('Port').inputValue(), '3000');
  await code(page).filter({ hasText: /prefix: \/new\/\n\s+route:\n\s+- destination:\n\s+host: xgen-frontend\n/ }).waitFor();
  await simulate('https://jeju-xgen.x2bee.com/new/x');
  await page.getByTestId('sim-destination').filter({ hasText: 'xgen-frontend:3000' }).waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Routes' }).click();
  await row.getByLabel('Match').selectOption('regex');
  await row.getByLabel('Path').fill('/broken/(');
  await code(page).filter({ hasText: 'regex: /broken/(' }).waitFor();
  assert.doesNotMatch(await code(page).textContent(), /regex: \/new\//);
  await row.getByTestId('field-problems').filter({ hasText: 'XS107' }).waitFor();
  assert.equal(await page.getByRole('button', { name: /invalid field/ }).count(), 0, 'no text is held back from the state');
  await simulate('https://jeju-xgen.x2bee.com/new/x');
  await page.getByTestId('sim-result').filter({ hasText: /xgen-frontend-vs is refused by Istio's validation \(rule 3, regex \/broken\/\(/ }).waitFor();
  // An emptied path is the one text not written: the field holds it.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Routes' }).click();
  await row.getByLabel('Path').fill('');
  await page.getByRole('button', { name: /1 invalid field/ }).waitFor();
  await page.close();
});

// Issue 18 #4: a problem about an exact or regex match is at that match's
// field: shown on the row, and "go to field" lands there.
test('a problem about an exact match shows at its field and leads to it', async () => {
  const page = await openRoutes('prd');
  await page.getByRole('button', { name: 'Add API route' }).click();
  const row = apiRows(page).nth(1);
  await row.getByLabel('Match').selectOption('exact');
  await row.getByLabel('Path').fill('/api/health');
  await code(page).filter({ hasText: 'exact: /api/health' }).waitFor();
  const here = row.getByTestId('field-problems').filter({ hasText: 'XS103' });
  await here.waitFor();
  assert.match(await here.textContent(), /rule 3 \(exact \/api\/health\) is never reached: rule 2 \(prefix \/api\/\)/);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Overview' }).click();
  await page.getByRole('button', { name: /XS103 error/ }).click();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('ingress_routes_1__exact'));
  assert.equal(await page.evaluate(() => document.activeElement.value), '/api/health');
  await page.close();
});

// Issue 24 #9: the routes apply in every environment that uses the values
// file; a row shows its problems for each, naming it, and a rule has one
// number everywhere.
test('a row shows its problems in every environment it applies in, by one rule number', async () => {
  const page = await openRoutes('prd');
  const row = apiRows(page).first();
  assert.equal(await row.locator('.rule-index').textContent(), '2');
  await row.getByLabel('Service').selectOption('xgen-model');
  // xgen-model runs in prd, not in dev: the prd row says so, for dev.
  const here = row.getByTestId('field-problems').filter({ hasText: 'XS101' });
  await here.waitFor();
  assert.equal(await here.textContent(), 'XS101: in dev, rule 2 sends traffic to xgen-model, which is not deployed there');
  const listed = page.locator('li.problem', { has: page.getByRole('button', { name: /XS101 error/ }) });
  assert.match(await listed.textContent(), /in dev, rule 2 sends traffic to xgen-model[\s\S]*ingress\.routes\[0\]\.service/);
  assert.equal(await row.getByRole('button', { name: 'Remove rule 2' }).count(), 1);
  // In dev, the option says it is missing there, in full.
  await page.getByTestId('routes-apply-in').getByRole('button', { name: 'dev' }).click();
  const select = apiRows(page).first().getByLabel('Service');
  await select.locator('option:checked', { hasText: 'xgen-model (not here)' }).waitFor({ state: 'attached' });
  const fits = await select.evaluate((el) => {
    const probe = document.createElement('span');
    probe.style.font = getComputedStyle(el).font;
    probe.style.position = 'absolute';
    probe.style.whiteSpace = 'pre';
    probe.textContent = el.selectedOptions[0].textContent;
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    // The text, with room for the select's padding and arrow.
    return width + 28 <= el.clientWidth;
  });
  assert.ok(fits, 'the option text is not cut off');
  await apiRows(page).first().getByTestId('field-problems').filter({ hasText: 'in dev, rule 2' }).waitFor();
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
  assert.match(await page.locator('li.problem', { has: problem }).textContent(), /in dev, rule 2 sends traffic to xgen-model, which/);
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
  await page.getByRole('button', { name: 'Move rule 3 up' }).focus();
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
  await page.getByRole('button', { name: 'Move rule 0 down' }).focus();
  await page.keyboard.press('Enter');
  await code(page).filter({ hasText: /deploy\/stream\n[\s\S]*based_id\/stream/ }).waitFor();
  const rows = page.locator('li.route-row.sse');
  await rows.nth(1).locator('.rule-index').dragTo(rows.nth(0).locator('.rule-index'));
  await code(page).filter({ hasText: /based_id\/stream\n[\s\S]*deploy\/stream/ }).waitFor();
  assert.deepEqual(await order(), ['based_id', 'deploy']);
  await page.close();
});
