// The simulator: a URL's result and the matched rule; a route test that fails,
// then passes after the route is edited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStudio, studioSuite } from './harness.mjs';

const suite = studioSuite();

const section = (page, name) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();

test('simulate a URL: status, destination, the matched rule highlighted, and why', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Simulator');
  await page.getByLabel('URL', { exact: true }).fill('https://jeju-xgen.x2bee.com/api/workflow/execute/deploy/stream?token=1');
  await page.getByTestId('sim-destination').filter({ hasText: 'xgen-frontend:3000' }).waitFor();
  assert.equal(await page.getByTestId('sim-status').textContent(), '200');
  const result = page.getByTestId('sim-result');
  assert.match(await result.textContent(), /SSE passthrough/);
  // Backtick spans of the reasons are shown as code.
  assert.match(await result.textContent(), /rule 0: \/api\/workflow\/execute\/deploy\/stream does not match prefix/);
  assert.ok((await result.locator('.reasons code').allTextContents()).includes('/api/workflow/execute/deploy/stream'));
  assert.match(await page.locator('.field-msg', { hasText: 'Environment' }).textContent(), /prd, from the host/);
  const matched = page.getByTestId('rule-list').locator('li.matched');
  assert.equal(await matched.count(), 1);
  assert.match(await matched.textContent(), /deploy\/stream/);
  await page.getByLabel('URL', { exact: true }).fill('https://jeju-xgen.x2bee.com/x/../api/v1');
  await page.getByTestId('sim-destination').filter({ hasText: 'xgen-backend-gateway:8000' }).waitFor();
  assert.match(await result.textContent(), /normalizes \/x\/\.\.\/api\/v1 to \/api\/v1/);
  assert.equal(await page.getByTestId('sim-path').textContent(), 'Envoy matches /api/v1.');
  assert.match(await result.textContent(), /Pods outlier detection may eject\s*1/);
  // The diagram draws the request's path: host, gateway, rule 2, the gateway service.
  const diagram = page.getByTestId('diagram');
  assert.deepEqual(await diagram.locator('.node.hit text').allTextContents(), [
    'jeju-xgen.x2bee.com',
    'xgen-frontend-gateway',
    '2: prefix /api/',
    'xgen-backend-gateway',
  ]);
  assert.equal(await diagram.locator('line.hit').count(), 3);
  await page.getByLabel('URL', { exact: true }).fill('https://unknown.example.com/');
  await page.getByTestId('sim-status').filter({ hasText: '404' }).waitFor();
  await page.close();
});

test('Envoy\'s reading of the path: encoded dots resolve, %00 is refused, a plain path needs no note', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Simulator');
  const url = page.getByLabel('URL', { exact: true });
  const result = page.getByTestId('sim-result');
  // `/%2e%2e/` is a dot segment for Envoy: the request lands on the API rule.
  await url.fill('https://jeju-xgen.x2bee.com/%2e%2e/api/x');
  await page.getByTestId('sim-path').filter({ hasText: 'Envoy matches /api/x.' }).waitFor();
  assert.equal(await page.getByTestId('sim-destination').textContent(), 'xgen-backend-gateway:8000');
  assert.match(await page.getByTestId('rule-list').locator('li.matched').textContent(), /prefix \/api\//);
  assert.deepEqual(await page.getByTestId('sim-path').locator('code').allTextContents(), ['/api/x']);
  // A percent-encoded NUL: Envoy answers 400 and says why.
  await url.fill('https://jeju-xgen.x2bee.com/api/a%00b');
  await page.getByTestId('sim-status').filter({ hasText: '400' }).waitFor();
  assert.match(await result.textContent(), /%00/);
  assert.equal(await page.getByTestId('rule-list').locator('li.matched').count(), 0);
  // A path Envoy matches as typed has no such note.
  await url.fill('https://jeju-xgen.x2bee.com/api/x');
  await page.getByTestId('sim-status').filter({ hasText: '200' }).waitFor();
  assert.equal(await page.getByTestId('sim-path').count(), 0);
  await page.close();
});

test('a failing route test passes once the route is fixed, and survives a reload', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Simulator');
  await page.getByLabel('URL', { exact: true }).fill('https://xgen.x2bee.com/api');
  await page.getByRole('button', { name: 'Add this URL as a route test' }).click();
  await page.getByLabel('Expected service').fill('xgen-backend-gateway');
  await page.getByLabel('Expected service').press('Tab');
  const result = page.getByTestId('route-test-result');
  await result.filter({ hasText: 'FAIL' }).waitFor();
  assert.match(await result.textContent(), /expected xgen-backend-gateway, got xgen-frontend:3000/);
  assert.equal(await page.getByTestId('route-test-summary').textContent(), '0 passed, 1 failed');
  // Fix the route: `/api` instead of `/api/`.
  await page.locator('.env-switch select').selectOption('dev');
  await section(page, 'Routes');
  await page.locator('li.route-row.api').first().getByLabel('Path').fill('/api');
  await section(page, 'Simulator');
  await page.getByTestId('route-test-result').filter({ hasText: 'PASS' }).waitFor();
  assert.equal(await page.getByTestId('route-test-summary').textContent(), '1 passed, 0 failed');
  await page.reload();
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  await section(page, 'Simulator');
  await page.getByTestId('route-test-result').filter({ hasText: 'PASS' }).waitFor();
  await page.close();
});
