// What a new user meets in the first hour: the example says it is one, an
// invalid value never ships silently, the Routes form says where its routes
// apply, no warning the user cannot act on, problems at their fields, a
// preview one can filter, and a page that works at 390, 1280 and 1920 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStudio, studioSuite, dropFiles, FIXTURES } from './harness.mjs';

const suite = studioSuite();
const section = (page, name) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
const acme = () => ({ name: 'acme.yaml', bytes: fs.readFileSync(path.join(FIXTURES, 'acme.yaml')) });

test('the example says it is the example, where the eye lands, until a project is imported', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  const notice = page.getByTestId('example-notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), /built-in example/);
  assert.match(await notice.textContent(), /k3s\/argocd\/projects\/<site>\.yaml/);
  const box = await notice.boundingBox();
  assert.ok(box.y < 400, `the notice is at the top, not ${box.y} px down`);
  await notice.getByLabel('Open your project files').setInputFiles(path.join(FIXTURES, 'acme.yaml'));
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  assert.equal(await notice.count(), 0);
  await page.close();
});

test('an invalid value is counted, survives a section switch, and stops the download until fixed', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Alerts');
  const field = page.getByLabel('5xx share above (%)');
  await field.fill('120');
  const counter = page.getByTestId('invalid-fields');
  await counter.filter({ hasText: '1 invalid field' }).waitFor();
  await section(page, 'Project');
  await section(page, 'Alerts');
  assert.equal(await field.inputValue(), '120', 'the typed text is kept');
  let downloaded = false;
  page.on('download', () => {
    downloaded = true;
  });
  await page.getByRole('button', { name: 'Download bundle' }).click();
  const refused = page.getByTestId('download-refused');
  await refused.filter({ hasText: 'Not downloaded' }).waitFor();
  assert.match(await refused.textContent(), /5xx share above \(%\) = 120/);
  await page.waitForFunction(() => document.activeElement?.id?.includes('highErrorRate'));
  assert.equal(downloaded, false);
  // From another section, the counter leads back to the field.
  await section(page, 'Project');
  await counter.click();
  await page.waitForFunction(() => document.activeElement?.id?.includes('highErrorRate'));
  await field.fill('30');
  await counter.waitFor({ state: 'detached' });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download bundle' }).click();
  assert.match((await download).suggestedFilename(), /\.zip$/);
  await page.close();
});

test('the Routes form names the values file and every environment its routes apply in', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Routes');
  assert.equal(await page.locator('#routes-form-heading').textContent(), 'Routes of xgen-frontend');
  const note = page.getByTestId('routes-apply-in');
  assert.match(await note.textContent(), /k3s\/helm-chart\/values\/xgen-frontend\.yaml/);
  assert.deepEqual(await note.getByRole('button').allTextContents(), ['prd', 'dev']);
  await note.getByRole('button', { name: 'dev' }).click();
  assert.equal(await page.locator('.env-switch select').inputValue(), 'dev');
  assert.equal(await note.getByRole('button', { name: 'dev' }).getAttribute('aria-pressed'), 'true');
  await page.close();
});

test('default latency exclusions name only deployed services; an unknown one can be unticked from its problem', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await dropFiles(page, [acme()]);
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  assert.equal(await page.getByRole('button', { name: /XS403/ }).count(), 0, 'acme deploys no xgen-model');
  const settings = 'apiVersion: xgen-studio/v1\nkind: StudioSettings\nalerts:\n  rules:\n    highLatency: {exclude: [acme-modle]}\n';
  await dropFiles(page, [{ name: 'xgen-studio.yaml', bytes: Buffer.from(settings) }]);
  const problem = page.getByRole('button', { name: /XS403/ });
  await problem.waitFor();
  await problem.click();
  await page.waitForFunction(() => document.activeElement?.type === 'checkbox' && document.activeElement.id.includes('exclude_0_'));
  const box = page.getByLabel('acme-modle (not deployed anywhere)');
  assert.equal(await box.isChecked(), true);
  // Unticked, the name leaves the exclusions, and the list (it is deployed nowhere).
  await box.click();
  await problem.waitFor({ state: 'detached' });
  assert.equal(await box.count(), 0);
  await page.close();
});

test('a problem shows at its field and is marked new; the default policy converts when copied', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Traffic policy');
  const field = page.getByLabel('Max ejection percent');
  await field.fill('30');
  const here = page.locator('.field', { has: field }).getByTestId('field-problems');
  await here.filter({ hasText: 'XS305' }).first().waitFor();
  assert.match(await here.first().textContent(), /XS305: .*maxEjectionPercent 30/);
  await page.locator('li.problem.new', { hasText: 'XS305' }).first().waitFor();
  assert.ok((await page.getByTestId('new-problem').count()) >= 1);
  // A service without its own policy may copy the default converted: no
  // second pair of deprecation warnings.
  await page.locator('#traffic-scope').selectOption({ index: 1 });
  const converted = page.getByRole('button', { name: 'Give it its own policy, with the deprecated fields converted' });
  await converted.click();
  await converted.waitFor({ state: 'detached' });
  const deprecated = await page.getByRole('button', { name: /XS303|XS304/ }).count();
  assert.equal(deprecated, 2, 'only the project default keeps its two deprecation warnings');
  await page.close();
});

test('the preview filters its files and marks what the last change touched', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  const tree = page.getByRole('navigation', { name: 'Bundle files' });
  const all = await tree.locator('button.file').count();
  await page.getByTestId('file-filter').fill('virtualservice');
  await page.getByTestId('filter-count').filter({ hasText: `of ${all} files` }).waitFor();
  const names = await tree.locator('button.file').allTextContents();
  assert.ok(names.length > 0 && names.length < all);
  assert.ok(names.every((n) => n.includes('virtualservice')), names.join(', '));
  await page.getByTestId('file-filter').fill('');
  await section(page, 'Routes');
  await page.locator('li.route-row.api').first().getByLabel('Path').fill('/apis/');
  await page.getByTestId('changed-count').filter({ hasText: 'touched' }).waitFor();
  const changed = await tree.locator('button.file.changed').evaluateAll((b) => b.map((x) => x.title));
  assert.ok(changed.includes('rendered/prd/xgen-frontend/virtualservice.yaml'), changed.join(', '));
  assert.ok(changed.includes('rendered/dev/xgen-frontend/virtualservice.yaml'), changed.join(', '));
  assert.ok(!changed.some((p) => p.includes('xgen-core/')), 'files the edit did not touch stay unmarked');
  await page.close();
});

for (const width of [390, 1280, 1920]) {
  test(`at ${width} px nothing scrolls sideways, every section tab can be tapped, the diagram scrolls in its frame`, async () => {
    const { page } = await openStudio(suite.browser.context, suite.server.url);
    await page.setViewportSize({ width, height: 900 });
    const tabs = page.getByRole('navigation', { name: 'Sections' }).getByRole('button');
    for (const name of await tabs.allTextContents()) {
      const tab = tabs.filter({ hasText: name });
      const box = await tab.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= width, `${name} is within the screen`);
      await tab.click();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= width, `${name}: the page is ${wide} px wide at ${width}`);
    }
    await section(page, 'Simulator');
    // The diagram is drawn at its own size (its labels legible, fit.test.mjs);
    // a narrower column scrolls it in its frame, and the page does not.
    const frame = page.locator('.diagram-wrap');
    await frame.evaluate((w) => {
      w.scrollLeft = w.scrollWidth;
    });
    const diagram = await page.getByTestId('diagram').boundingBox();
    const wrap = await frame.boundingBox();
    assert.ok(wrap.x + wrap.width <= width, "the diagram's frame is within the screen");
    assert.ok(diagram.x + diagram.width <= wrap.x + wrap.width + 1, 'scrolled to its end, the destination column is in view');
    if (width >= 1280) {
      // The preview stays in view below the header while the form scrolls.
      await page.evaluate(() => window.scrollTo(0, 1200));
      const [header, preview] = await page.evaluate(() => [
        document.querySelector('header.top').getBoundingClientRect().bottom,
        document.querySelector('.preview').getBoundingClientRect().top,
      ]);
      assert.ok(preview >= header && preview < header + 60, `preview at ${preview}, header ends at ${header}`);
    }
    if (width === 390) {
      const header = await page.locator('header.top').boundingBox();
      await page.evaluate(() => window.scrollTo(0, 1500));
      const top = await page.evaluate(() => document.querySelector('header.top').getBoundingClientRect().bottom);
      assert.ok(top <= 0, `the header scrolls away on a phone (it was ${header.height} px tall)`);
    }
    await page.close();
  });
}

test('problems show code as code, and Korean breaks between words', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  const problems = page.locator('li.problem .message');
  await problems.first().waitFor();
  const texts = await problems.allTextContents();
  assert.ok(texts.every((t) => !t.includes('`')), 'no literal backticks');
  assert.ok((await page.locator('li.problem .message code').count()) > 0);
  await page.getByTestId('language').selectOption('ko');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).wordBreak), 'keep-all');
  await page.close();
});
