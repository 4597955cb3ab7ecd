// The whole user path in a real headless Chromium against the built page:
// open on the example, drag a project in, download the bundle and open it,
// drop bad input and see the error while the project stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openStudio, dropFiles, FIXTURES, CLI, studioSuite } from './harness.mjs';
import { unzip } from './unzip.mjs';

const suite = studioSuite();
const acme = { name: 'acme.yaml', bytes: fs.readFileSync(path.join(FIXTURES, 'acme.yaml')) };

const fresh = () => openStudio(suite.browser.context, suite.server.url);

async function envNames(page) {
  return page.locator('section.env h3').allTextContents();
}

async function download(page) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download bundle', exact: true }).click(),
  ]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

function cliBundle(inputs) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xgen-cli-')), 'bundle.zip');
  execFileSync(CLI, ['bundle', ...inputs, '-o', out]);
  return fs.readFileSync(out);
}

test('opens on the built-in example with its environments and services', async () => {
  const { page, errors } = await fresh();
  assert.deepEqual(await envNames(page), ['prd', 'dev']);
  assert.equal(await page.locator('section.env[data-env="prd"] tr.service').count(), 7);
  assert.equal(await page.locator('section.env[data-env="dev"] tr.service').count(), 6);
  assert.equal(await page.getByTestId('meta-name').textContent(), 'xgen');
  // The start-up load announces nothing and reports no error.
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a dragged-in project file replaces the example', async () => {
  const { page } = await fresh();
  await dropFiles(page, [acme]);
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  assert.deepEqual(await envNames(page), ['dev', 'stg', 'prd']);
  const prd = page.locator('section.env[data-env="prd"]');
  assert.deepEqual(await prd.locator('tr.service th').allTextContents(), ['xgen-frontend', 'xgen-backend-gateway', 'acme-reports']);
  assert.match(await prd.textContent(), /prd\.k8s\.example\.com/);
  assert.match(await page.getByRole('status').textContent(), /Loaded acme\.yaml/);
  await page.close();
});

test('the downloaded bundle holds the project and is byte-identical to the CLI', async () => {
  const { page } = await fresh();
  await dropFiles(page, [acme]);
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  const { name, bytes } = await download(page);
  assert.equal(name, 'acme-bundle.zip');
  const entries = unzip(bytes);
  const names = entries.map((e) => e.name);
  assert.deepEqual(names, [...names].sort(), 'entries are sorted');
  for (const want of [
    'k3s/argocd/projects/acme.yaml',
    'k3s/helm-chart/values.yaml',
    'k3s/helm-chart/values/acme-reports.yaml',
    'k3s/helm-chart/values/xgen-backend-gateway.yaml',
    'k3s/helm-chart/values/xgen-frontend.yaml',
    'xgen-studio.yaml',
  ]) {
    assert.ok(names.includes(want), `${want} in ${names}`);
  }
  for (const e of entries) {
    assert.ok(!e.name.includes('..') && !e.name.startsWith('/'), e.name);
    assert.equal(e.date, (0 << 9) | (1 << 5) | 1, `${e.name}: fixed date 1980-01-01`);
    assert.equal(e.time, 0, `${e.name}: fixed time 00:00`);
  }
  const project = entries.find((e) => e.name === 'k3s/argocd/projects/acme.yaml').data.toString();
  assert.match(project, /x-studio-test: keep-me/, 'unknown top-level key kept');
  assert.match(project, /owner: platform-team/, 'unknown nested key kept');
  assert.match(project, /team: reports/, 'unknown key in a service kept');
  assert.ok(bytes.equals(cliBundle([path.join(FIXTURES, 'acme.yaml')])), 'browser and CLI bytes differ');
  await page.close();
});

test('re-importing the bundle restores the state and exports the same bytes', async () => {
  const { page } = await fresh();
  await dropFiles(page, [acme]);
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  const first = await download(page);
  await page.getByRole('button', { name: 'Load example' }).click();
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  await dropFiles(page, [{ name: first.name, bytes: first.bytes }]);
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  assert.deepEqual(await envNames(page), ['dev', 'stg', 'prd']);
  const second = await download(page);
  assert.ok(second.bytes.equals(first.bytes), 'second export differs');
  await page.close();
});

test('a bad file shows an error with its place and the project stays', async () => {
  const { page } = await fresh();
  await dropFiles(page, [acme]);
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  const before = await download(page);
  const bad = 'project:\n  name: broken\nenvironments:\n  dev:\n    services:\n      - name: a\n        replicas: lots\n';
  await dropFiles(page, [{ name: 'broken.yaml', bytes: Buffer.from(bad) }]);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /Nothing was changed/);
  assert.match(text, /broken\.yaml:7:19/, 'file, line and column');
  assert.equal(await page.getByTestId('project-name').textContent(), 'acme');
  assert.deepEqual(await envNames(page), ['dev', 'stg', 'prd']);
  // A binary file and a batch with one bad file change nothing either.
  await dropFiles(page, [{ name: 'logo.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]) }]);
  await page.getByRole('alert').filter({ hasText: 'logo.png' }).waitFor();
  await dropFiles(page, [
    { name: 'xgen-core.yaml', bytes: Buffer.from('serviceName: xgen-core\nport: 9000\n') },
    { name: 'broken.yaml', bytes: Buffer.from('serviceName: [xgen-core\n') },
  ]);
  await page.getByRole('alert').filter({ hasText: 'broken.yaml' }).waitFor();
  const after = await download(page);
  assert.ok(after.bytes.equals(before.bytes), 'the state changed after failed imports');
  await page.close();
});

test('file picker, paste and open from URL import too', async () => {
  const { page } = await fresh();
  await page.getByLabel('Open files').setInputFiles(path.join(FIXTURES, 'acme.yaml'));
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();

  await page.getByLabel('Paste YAML').fill('project:\n  name: pasted-site\n  namespace: p\ndestinations:\n  dev: {server: https://k}\n');
  await page.getByRole('button', { name: 'Import pasted text' }).click();
  await page.getByTestId('project-name').filter({ hasText: 'pasted-site' }).waitFor();
  assert.deepEqual(await envNames(page), ['dev']);

  await page.getByLabel('Project URL').fill(`${suite.server.url}test-fixtures/acme.yaml`);
  await page.getByRole('button', { name: 'Open URL' }).click();
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();

  await page.getByLabel('Project URL').fill(`${suite.server.url}test-fixtures/missing.yaml`);
  await page.getByRole('button', { name: 'Open URL' }).click();
  await page.getByRole('alert').filter({ hasText: '404' }).waitFor();
  assert.equal(await page.getByTestId('project-name').textContent(), 'acme');
  await page.close();
});

test('user text is shown as text, never as HTML', async () => {
  const { page } = await fresh();
  const hostile = 'project:\n  name: "<img src=x onerror=window.__pwned=1>"\n  description: "<b>bold</b>"\ndestinations:\n  dev: {server: "<script>window.__pwned=2</script>"}\n';
  await dropFiles(page, [{ name: 'hostile.yaml', bytes: Buffer.from(hostile) }]);
  await page.getByTestId('project-name').filter({ hasText: '<img' }).waitFor();
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('main b').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.close();
});
