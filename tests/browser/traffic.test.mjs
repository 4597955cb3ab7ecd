// The traffic-policy form: the project default and per-service policies reach
// the rendered DestinationRules; invalid values stay out; deprecated settings
// convert; a policy problem leads to its field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStudio, studioSuite } from './harness.mjs';

const suite = studioSuite();

async function openTraffic() {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await page.locator('.env-switch select').selectOption('dev');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Traffic policy' }).click();
  return page;
}
const tree = (page) => page.getByRole('navigation', { name: 'Bundle files' });
const code = (page) => page.getByTestId('code');
async function show(page, file) {
  await tree(page).locator('details', { hasText: 'Rendered · dev' }).getByRole('button', { name: file, exact: true }).click();
}

test('the project default reaches every DestinationRule; XS305 goes when pods can be ejected', async () => {
  const page = await openTraffic();
  await show(page, 'xgen-core/destinationrule.yaml');
  assert.ok((await page.getByRole('button', { name: /XS305 warning/ }).count()) > 0);
  await page.getByLabel('Max ejection percent').fill('150');
  assert.match(await page.locator('.field.invalid .field-msg').textContent(), /0 to 100/);
  assert.match(await code(page).textContent(), /maxEjectionPercent: 50/);
  await page.getByLabel('Max ejection percent').fill('100');
  await code(page).filter({ hasText: 'maxEjectionPercent: 100' }).waitFor();
  await page.getByRole('button', { name: /XS305 warning/ }).first().waitFor({ state: 'detached' });
  await page.close();
});

test('a project-wide policy edit marks every DestinationRule and nothing else, edit after edit', async () => {
  const page = await openTraffic();
  await show(page, 'xgen-core/destinationrule.yaml');
  const titles = (locator) => locator.evaluateAll((bs) => bs.map((b) => b.title).sort());
  const rules = (await titles(tree(page).locator('button.file'))).filter((p) => p.endsWith('/destinationrule.yaml') && p.startsWith('rendered/'));
  assert.ok(rules.length >= 10, rules.join(', '));
  // The second edit marks the same files as the first: the marks stay.
  for (const value of ['60', '61']) {
    await page.getByLabel('Max ejection percent').fill(value);
    await code(page).filter({ hasText: `maxEjectionPercent: ${value}` }).waitFor();
    await page.getByTestId('changed-count').filter({ hasText: 'touched' }).waitFor();
    const marked = await titles(tree(page).locator('button.file.changed'));
    assert.deepEqual(marked, [...rules, 'k3s/helm-chart/values.yaml'].sort(), `after ${value}`);
  }
  await page.close();
});

test('deprecated settings convert in one click', async () => {
  const page = await openTraffic();
  await show(page, 'xgen-core/destinationrule.yaml');
  assert.match(await code(page).textContent(), /simple: LEAST_CONN/);
  await page.getByRole('button', { name: 'Convert deprecated settings' }).click();
  await code(page).filter({ hasText: 'simple: LEAST_REQUEST' }).waitFor();
  assert.match(await code(page).textContent(), /warmup:\n\s+duration: 30s/);
  assert.equal(await page.getByRole('button', { name: /XS30[34] warning/ }).count(), 0);
  await page.close();
});

test('a service gets its own policy, or no DestinationRule at all', async () => {
  const page = await openTraffic();
  await page.getByLabel('Policy of').selectOption('xgen-core.yaml');
  await page.getByRole('button', { name: 'Give it its own policy', exact: true }).click();
  await page.getByLabel('Algorithm').selectOption('ROUND_ROBIN');
  await show(page, 'xgen-core/destinationrule.yaml');
  await code(page).filter({ hasText: 'simple: ROUND_ROBIN' }).waitFor();
  await show(page, 'xgen-workflow/destinationrule.yaml');
  assert.match(await code(page).textContent(), /simple: LEAST_CONN/, 'others keep the default');
  await page.getByLabel('Policy of').selectOption('xgen-workflow.yaml');
  await page.getByLabel('DestinationRule').selectOption('no');
  const dev = tree(page).locator('details', { hasText: 'Rendered · dev' });
  await dev.getByRole('button', { name: 'xgen-workflow/destinationrule.yaml', exact: true }).waitFor({ state: 'detached' });
  assert.equal(await dev.getByRole('button', { name: 'xgen-workflow/destinationrule.yaml', exact: true }).count(), 0);
  await page.close();
});

test('a policy problem leads to its field', async () => {
  const page = await openTraffic();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Overview' }).click();
  await page.getByRole('button', { name: /XS303 warning/ }).click();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('loadBalancer_simple'));
  assert.equal(await page.getByLabel('Policy of').inputValue(), '');
  await page.close();
});
