// Share links: the project travels in the URL's fragment; secrets become
// placeholders and the user is told; a project too large for a link, and a
// damaged link, get clear messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openStudio, dropFiles, studioSuite } from './harness.mjs';

const suite = studioSuite({ permissions: ['clipboard-read', 'clipboard-write'] });
const section = (page, name) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();
const banner = (page) => page.getByTestId('banner');

test('a share link restores the project, with secrets as placeholders', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Project');
  await page.getByLabel('Description').fill('shared by link');
  await section(page, 'Alerts');
  const webhook = page.getByLabel('Webhook URL (a secret: keep a placeholder)');
  await webhook.fill('https://hooks.slack.com/services/T000/B000/very-secret');
  await page.getByRole('button', { name: 'Share link' }).click();
  await banner(page).filter({ hasText: '1 secret value became a placeholder' }).waitFor();
  const link = await page.locator('#share-url').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#share=v1\.[A-Za-z0-9_-]+$/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.ok(!link.includes('very-secret'));
  // An edit retires the link shown.
  await webhook.fill('https://hooks.slack.com/services/T000/B000/other');
  await page.locator('#share-url').waitFor({ state: 'detached' });

  const opened = (await openStudio(suite.browser.context, link)).page;
  await banner(opened).filter({ hasText: 'Opened a shared link' }).waitFor();
  assert.equal(new URL(opened.url()).hash, '', 'the link is taken out of the address bar');
  await section(opened, 'Project');
  assert.equal(await opened.getByLabel('Description').inputValue(), 'shared by link');
  await section(opened, 'Alerts');
  const env = await opened.locator('.env-switch select').inputValue();
  await opened.locator('.env-switch select').selectOption('dev');
  assert.equal(await opened.getByLabel('Webhook URL (a secret: keep a placeholder)').inputValue(), '${SLACK_WEBHOOK_DEV}');
  assert.ok(env);
  await opened.close();
  await page.close();
});

test('too large for a link, and a damaged link: clear messages, nothing lost', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  // Thousands of unique random values do not compress into a link.
  let vars = 'vars:\n';
  for (let i = 0; i < 2000; i++) vars += `  VAR_${i}: v${crypto.randomBytes(8).toString('hex')}\n`;
  const project = `project: {name: big, namespace: big}\ndestinations: {dev: {server: https://kubernetes.default.svc}}\n${vars}`;
  await dropFiles(page, [{ name: 'big.yaml', bytes: Buffer.from(project) }]);
  await page.getByTestId('project-name').filter({ hasText: 'big' }).waitFor();
  await page.getByRole('button', { name: 'Share link' }).click();
  await banner(page).filter({ hasText: 'too large for a link' }).waitFor();
  assert.match(await banner(page).textContent(), /Download bundle/);
  assert.equal(await page.locator('#share-url').count(), 0);
  await page.close();

  const damaged = (await openStudio(suite.browser.context, `${suite.server.url}#share=v1.***`)).page;
  await banner(damaged).filter({ hasText: 'The shared link could not be opened' }).waitFor();
  assert.match(await banner(damaged).textContent(), /damaged/);
  await damaged.close();
});

test("a share link's recipient is told the link's project is the baseline", async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await section(page, 'Services');
  await page.locator('[id$="environments_prd_services_6__replicas"]').fill('2');
  await page.getByTestId('change-counts').filter({ hasText: 'prd 2' }).waitFor();
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.locator('#share-url').inputValue();
  const opened = (await openStudio(suite.browser.context, link)).page;
  await banner(opened).filter({ hasText: 'Opened a shared link' }).waitFor();
  assert.match(await banner(opened).textContent(), /Changes count from the project as the link carries it: a link holds no baseline\./);
  await opened.getByTestId('change-counts').filter({ hasText: 'Changes: prd 0 · dev 0' }).waitFor();
  await section(opened, 'Changes');
  assert.match(
    await opened.getByTestId('baseline-note').textContent(),
    /^Baseline: the project as the share link carried it\. A link carries the project, not what its sender had deployed/,
  );
  await opened.close();
  await page.close();
});
