// The alerts form: a threshold edit reaches the Prometheus and Grafana files of
// every environment; switching a rule off removes it; exclusions follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStudio, studioSuite } from './harness.mjs';

const suite = studioSuite();

async function show(page, env, file) {
  await page
    .getByRole('navigation', { name: 'Bundle files' })
    .locator('details', { hasText: `Rendered · ${env}` })
    .getByRole('button', { name: file, exact: true })
    .click();
}
const code = (page) => page.getByTestId('code');

test('a threshold edit shows in the rendered rules; a rule can be switched off', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Alerts' }).click();
  await show(page, 'prd', 'observability/prometheus/prometheus-rules.yaml');
  assert.match(await code(page).textContent(), /\* 100 > 80\n/);
  await page.getByLabel('Memory above (% of limit)').fill('90');
  await code(page).filter({ hasText: '* 100 > 90' }).waitFor();
  // Out of range: the rule's message shows and the files keep 90.
  await page.getByLabel('Memory above (% of limit)').fill('150');
  assert.match(await page.locator('.field.invalid .field-msg').textContent(), /0 to 100/);
  assert.match(await code(page).textContent(), /\* 100 > 90\n/);
  await show(page, 'dev', 'observability/grafana/alert-rules.yaml');
  assert.match(await code(page).textContent(), /\* 100 > 90/);
  // Switch "Pod Restart Detected" off: five rules remain.
  await page.locator('fieldset.alert-rule', { hasText: 'Pod Restart Detected' }).getByLabel('On').uncheck();
  await show(page, 'prd', 'observability/prometheus/prometheus-rules.yaml');
  await code(page).filter({ hasNotText: 'PodRestartDetected' }).waitFor();
  assert.equal((await code(page).textContent()).match(/- alert: /g).length, 5);
  await page.close();
});

test('latency exclusions are picked from the project services', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Alerts' }).click();
  await show(page, 'prd', 'observability/prometheus/prometheus-rules.yaml');
  assert.match(await code(page).textContent(), /destination_service_name!~"xgen-model\|xgen-workflow"/);
  await page.locator('fieldset.exclusions').getByLabel('xgen-core').check();
  await code(page).filter({ hasText: 'destination_service_name!~"xgen-model|xgen-workflow|xgen-core"' }).waitFor();
  await page.close();
});

test('hand-written PromQL is parsed by the worker, loaded only when needed (XS406)', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  const worker = () => suite.server.requests.filter((p) => p.includes('xgen-promql-worker'));
  const before = worker().length;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Alerts' }).click();
  const rule = page.locator('fieldset.alert-rule', { hasText: 'Pod Restart Detected' });
  const promql = rule.getByLabel('PromQL');
  // The generated expression, and no parser downloaded for it.
  assert.match(await promql.inputValue(), /^increase\(kube_pod_container_status_restarts_total/);
  assert.equal(worker().length, before, 'the PromQL worker loads only for hand-written PromQL');

  await promql.fill('sum(rate(kube_pod_container_status_restarts_total[15m])');
  const problem = page.getByRole('button', { name: /XS406 error/ });
  await problem.waitFor();
  assert.ok(worker().some((p) => p.endsWith('.wasm')), `worker wasm fetched: ${worker()}`);
  assert.match(await rule.locator('.field.wide .field-msg').textContent(), /Does not parse/);

  await promql.fill('sum(rate(kube_pod_container_status_restarts_total[15m])) > 3');
  await rule.locator('.field.wide .field-msg', { hasText: 'Hand-written and parses' }).waitFor();
  assert.equal(await problem.count(), 0);
  await show(page, 'prd', 'observability/prometheus/prometheus-rules.yaml');
  await code(page).filter({ hasText: 'expr: sum(rate(kube_pod_container_status_restarts_total[15m])) > 3' }).waitFor();

  // Back to the generated expression.
  await rule.getByRole('button', { name: 'Use the generated expression' }).click();
  await code(page).filter({ hasText: 'increase(kube_pod_container_status_restarts_total' }).waitFor();
  await page.close();
});

test('retention edits reach the Prometheus, Loki and Tempo files; Tempo refuses days', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Alerts' }).click();
  await show(page, 'dev', 'observability/tempo/retention.yaml');
  assert.match(await code(page).textContent(), /block_retention: 48h/);
  const tempo = page.getByLabel('Traces (Tempo, in hours)');
  await tempo.fill('3d');
  assert.match(await page.locator('.field.invalid .field-msg').textContent(), /duration/);
  assert.match(await code(page).textContent(), /block_retention: 48h/);
  await tempo.fill('72h');
  await code(page).filter({ hasText: 'block_retention: 72h' }).waitFor();
  await page.getByLabel('Metrics (Prometheus)').fill('30d');
  await show(page, 'prd', 'observability/prometheus/deployment-patch.yaml');
  await code(page).filter({ hasText: '--storage.tsdb.retention.time=30d' }).waitFor();
  await page.close();
});
