// Nothing lost silently: a full localStorage is said at once, in the header,
// and keeps being said; a reload that can only restore older work says so; an
// edit that would take the project over a limit is refused with the limit and
// the count named, and the project stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStudio, dropFiles, FIXTURES, studioSuite } from './harness.mjs';

const suite = studioSuite();
const acme = { name: 'acme.yaml', bytes: fs.readFileSync(path.join(FIXTURES, 'acme.yaml')) };
const SESSION = 'xgen-studio/session/v1';

/** Fills this origin's localStorage to the last character; returns how many
 * filler keys it took. */
const fillStorage = (page) =>
  page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler-${n}`, chunk);
          n += 1;
        } catch {
          break;
        }
      }
    }
    return n;
  });

test('a full localStorage: the header says the work is not saved, and the reload says what it restored is not the last edit', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await dropFiles(page, [acme]);
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  await page.getByRole('button', { name: 'Project', exact: true }).click();
  const description = page.getByLabel('Description');
  await description.fill('saved edit');
  await page.waitForFunction((k) => localStorage.getItem(k)?.includes('saved edit'), SESSION, { timeout: 5000 });
  const failed = page.getByTestId('autosave-failed');
  assert.equal(await failed.count(), 0);

  assert.ok((await fillStorage(page)) > 0);
  // Larger than any room left by the filler, whatever the last chunk was.
  const unsaved = `edit the browser cannot keep ${'y'.repeat(4000)}`;
  await description.fill(unsaved);
  await failed.waitFor({ timeout: 5000 });
  assert.match(await failed.textContent(), /Not saved in this browser \(QuotaExceededError\): "Download bundle" keeps your work\./);
  // It keeps saying so: another edit, and the notice is still there.
  await description.fill(`another ${unsaved}`);
  await page.waitForTimeout(600);
  assert.equal(await failed.count(), 1);
  assert.ok(!(await page.evaluate((k) => localStorage.getItem(k), SESSION)).includes('cannot keep'));

  // The reload can only bring back the older work, and says so.
  await page.reload();
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  const banner = page.getByTestId('banner');
  assert.match(await banner.textContent(), /not your last edit in this tab: that edit could not be saved here/);
  assert.equal(await banner.getAttribute('role'), 'alert');
  await page.getByRole('button', { name: 'Project', exact: true }).click();
  assert.equal(await description.inputValue(), 'saved edit');

  // Room again: the next edit is saved and the notice goes.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
  await description.fill('saved again');
  await page.waitForFunction((k) => localStorage.getItem(k)?.includes('saved again'), SESSION, { timeout: 5000 });
  await failed.waitFor({ state: 'detached' });
  await page.reload();
  assert.match(await page.getByTestId('banner').textContent(), /Restored your work from this browser\./);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an edit that would go over a limit is refused, naming the limit and the count', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  // A project at the limit of 32 environments.
  const envs = Array.from({ length: 32 }, (_, i) => `env${i}`);
  const text = [
    'project:',
    '  name: wide',
    '  namespace: wide',
    'source:',
    '  repoURL: https://git.example.com/wide/infra.git',
    '  targetRevision: main',
    'destinations:',
    ...envs.flatMap((e) => [`  ${e}:`, `    server: https://${e}.example.com`, `    domain: ${e}.example.com`]),
    'environments:',
    ...envs.flatMap((e) => [`  ${e}:`, '    services:', '      - name: xgen-frontend']),
    '',
  ].join('\n');
  await dropFiles(page, [{ name: 'wide.yaml', bytes: Buffer.from(text) }]);
  await page.getByTestId('project-name').filter({ hasText: 'wide' }).waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Environments' }).click();
  assert.equal(await page.locator('li.card[data-env]').count(), 32);
  await page.getByLabel('New environment').fill('one-more');
  await page.getByRole('button', { name: 'Add environment' }).click();
  const banner = page.getByTestId('banner');
  await banner.filter({ hasText: 'Not changed' }).waitFor();
  assert.match(await banner.textContent(), /Not changed: too many environments: 33, and the studio takes at most 32\./);
  assert.equal(await page.locator('li.card[data-env]').count(), 32);
  // In Korean, the same refusal in Korean.
  await page.getByTestId('language').selectOption('ko');
  assert.match(await banner.textContent(), /바뀌지 않았습니다: 환경이\(가\) 너무 많습니다: 33개이며 스튜디오는 32개까지 받습니다\./);
  assert.deepEqual(errors, []);
  await page.close();
});
