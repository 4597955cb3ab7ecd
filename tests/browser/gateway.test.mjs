// The whole gateway in the page: a dropped file of the cluster's Istio
// objects, imported for the environment picked; a request with a method
// and headers that an imported VirtualService answers, and why the rules
// before it did not; a redirect's Location; a route test with a header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dropFiles, openStudio, studioSuite, ROOT } from './harness.mjs';

const suite = studioSuite();
const OBJECTS = path.join(ROOT, 'tests/fixtures/cluster/example-dev.yaml');

const section = (page, name) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();

async function importObjects(page) {
  await dropFiles(page, [{ name: 'example-dev.yaml', bytes: fs.readFileSync(OBJECTS) }]);
  const dialog = page.getByRole('dialog');
  await dialog.getByText('example-dev.yaml holds Istio networking objects').waitFor();
  await dialog.getByLabel('Cluster of environment').selectOption('dev');
  await dialog.getByRole('button', { name: 'Import objects' }).click();
  await page.getByText(/Imported 10 Istio objects from example-dev\.yaml for dev/).waitFor();
}

test('a dropped objects file asks for its environment; a bad one changes nothing and says where', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Simulator');
  // Broken YAML in an objects file: the line and column, nothing imported.
  const broken = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: x}\nspec:\n  hosts: [a\n';
  await dropFiles(page, [{ name: 'broken.yaml', bytes: Buffer.from(broken) }]);
  await page.getByText(/Nothing was changed\. broken\.yaml:6:1:/).waitFor();
  // Read as YAML but not as a VirtualService: asked, then refused at its place.
  const wrong = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: x}\nspec:\n  hosts: {a: 1}\n';
  await dropFiles(page, [{ name: 'wrong.yaml', bytes: Buffer.from(wrong) }]);
  await page.getByRole('dialog').getByRole('button', { name: 'Import objects' }).click();
  await page.getByText(/Nothing was changed\. wrong\.yaml:5:10:/).waitFor();
  assert.equal(await page.getByTestId('objects-line').count(), 0);
  await importObjects(page);
  const banner = await page.getByText(/Imported 10 Istio objects/).textContent();
  assert.match(banner, /Skipped: Service 1, Sidecar 1/);
  await page.getByLabel('URL', { exact: true }).fill('https://xgen.x2bee.com/');
  await page.getByTestId('objects-line').filter({ hasText: 'Imported objects of dev' }).waitFor();
  assert.match(await page.getByTestId('objects-line').textContent(), /2 skipped/);
  // Cancel: the next file waits for nothing and nothing changes.
  await dropFiles(page, [{ name: 'again.yaml', bytes: fs.readFileSync(OBJECTS) }]);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.getByRole('dialog').count(), 0);
  // A regex rewrite, as the upstream receives it.
  await page.getByLabel('URL', { exact: true }).fill('http://shared.x2bee.com/rx/svc/a/b?q=1');
  await page.getByTestId('sim-upstream').filter({ hasText: '/b/instance/a?q=1' }).waitFor();
  // Remove: the host only the objects served answers 404 again, and Undo
  // brings the objects back.
  await page.getByLabel('URL', { exact: true }).fill('http://grafana.x2bee.com/d/x');
  await page.getByTestId('sim-vs').filter({ hasText: 'observability/grafana' }).waitFor();
  // A host no chart VirtualService serves: the diagram names the Gateway that does.
  assert.deepEqual(await page.getByTestId('diagram').locator('.node.gateway text').allTextContents(), ['observability/obs-gateway']);
  await page.getByRole('button', { name: 'Remove the imported objects of dev' }).click();
  await page.getByTestId('sim-status').filter({ hasText: '404' }).waitFor();
  assert.equal(await page.getByTestId('objects-line').count(), 0);
  assert.equal(await page.getByTestId('sim-vs').count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByTestId('sim-vs').filter({ hasText: 'observability/grafana' }).waitFor();
  assert.equal(await page.getByTestId('objects-line').count(), 1);
  await page.close();
});

test('a request with a method and a header answered by an imported VirtualService', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Simulator');
  await importObjects(page);
  await page.getByLabel('Method').first().selectOption('POST');
  await page.getByLabel('URL', { exact: true }).fill('https://xgen.x2bee.com/canary?canary=yes');
  await page.getByRole('button', { name: 'Add header' }).click();
  await page.getByLabel('Name', { exact: true }).fill('x-canary');
  await page.getByLabel('value', { exact: true }).fill('0');
  const vs = page.getByTestId('sim-vs');
  await vs.filter({ hasText: 'team-b/canary' }).waitFor();
  assert.match(await vs.textContent(), /team-b\/canary · imported/);
  const result = page.getByTestId('sim-result');
  // The first match entry of the same rule failed on the header, not the path.
  assert.match(await result.textContent(), /canary \(imported\) rule 0, match 0: header x-canary \(0\) does not match exact 1/);
  const destinations = await page.getByTestId('sim-destinations').locator('.answer-line').allTextContents();
  assert.deepEqual(destinations, ['canary:8080 · subset v1 · weight 90%', 'canary:8080 · subset v2 · weight 10%']);
  // Every VirtualService of the host, the imported ones marked, in the diagram and the list.
  const imported = page.getByTestId('rule-list').locator('li.imported');
  assert.ok((await imported.count()) >= 5);
  assert.match(await page.getByTestId('rule-list').locator('li.matched').textContent(), /team-b\/canary #0\.1\s*imported/);
  const hit = await page.getByTestId('diagram').locator('.node.rule.imported.hit text').allTextContents();
  assert.equal(hit.length, 1);
  assert.match(hit[0], /canary prefix \/canary · \?canary exact yes \(imported\)/);
  // The header matches: the first entry answers.
  await page.getByLabel('value', { exact: true }).fill('1');
  await page.getByTestId('rule-list').locator('li.matched').filter({ hasText: '#0.0' }).waitFor();
  // The method: GET /submit misses the POST rule, which says so.
  await page.getByLabel('Method').first().selectOption('GET');
  await page.getByLabel('URL', { exact: true }).fill('https://xgen.x2bee.com/submit');
  await result.filter({ hasText: 'header :method (GET) does not match exact POST' }).waitFor();
  assert.match(await vs.textContent(), /xgen-frontend-vs · from the chart/);
  // POST: the rewrite, as the upstream receives it.
  await page.getByLabel('Method').first().selectOption('POST');
  await page.getByTestId('sim-upstream').filter({ hasText: '/v2/submit' }).waitFor();
  assert.match(await page.getByTestId('sim-upstream').textContent(), /path \/v2\/submit\s*authority \(Host\) forms\.internal/);
  // A redirect shows its Location (the redirect's uri replaces the path; the query stays); a direct response its body.
  await page.getByLabel('URL', { exact: true }).fill('https://status.x2bee.com/old/page?q=1');
  await page.getByTestId('sim-location').filter({ hasText: 'https://status.x2bee.com/new/?q=1' }).waitFor();
  assert.equal(await page.getByTestId('sim-status').textContent(), '302');
  await page.getByLabel('URL', { exact: true }).fill('https://status.x2bee.com/healthz');
  await page.getByTestId('sim-body').filter({ hasText: 'ok' }).waitFor();
  assert.match(await result.textContent(), /Direct response 200/);
  await page.close();
});

test('a route test with a header passes, and fails once the header changes', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Simulator');
  await importObjects(page);
  await page.getByLabel('URL', { exact: true }).fill('https://xgen.x2bee.com/canary');
  await page.getByRole('button', { name: 'Add header' }).click();
  await page.getByLabel('Name', { exact: true }).fill('x-canary');
  await page.getByLabel('value', { exact: true }).fill('1');
  await page.getByTestId('sim-vs').filter({ hasText: 'team-b/canary' }).waitFor();
  await page.getByRole('button', { name: 'Add this URL as a route test' }).click();
  const result = page.getByTestId('route-test-result');
  await result.filter({ hasText: 'PASS' }).waitFor();
  const headers = page.getByLabel('Headers (one per line, Name: value)');
  assert.equal(await headers.inputValue(), 'x-canary: 1');
  await headers.fill('x-canary: 2');
  await headers.press('Tab');
  await result.filter({ hasText: 'FAIL' }).waitFor();
  assert.match(await result.textContent(), /expected canary, got xgen-frontend:3000/);
  await headers.fill('X-Canary: 1');
  await headers.press('Tab');
  await result.filter({ hasText: 'PASS' }).waitFor();
  await page.close();
});
