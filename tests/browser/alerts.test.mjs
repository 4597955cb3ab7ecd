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
