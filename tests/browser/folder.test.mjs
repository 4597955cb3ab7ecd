// A repository's folder: "Open folder…" on a folder of two sites, the site
// picker, an edit, "Download patch", and the patch applied with the real
// `git apply` on a copy of the folder, changing exactly the edited line.
// The folder is first brought up to date by the CLI (`xgen-studio write`),
// so the patch holds the edit alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { CLI, ROOT, openStudio, studioSuite } from './harness.mjs';

const suite = studioSuite();
const KEEP = path.join(ROOT, 'tests/fixtures/keep');

/** A working copy of two commented sites, with files the studio skips. */
function twoSites(extra = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xgen-folder-'));
  const files = {
    'k3s/argocd/projects/jeju.yaml': fs.readFileSync(path.join(KEEP, 'jeju.yaml')),
    'k3s/argocd/projects/busan.yaml': fs.readFileSync(path.join(KEEP, 'busan.yaml')),
    'k3s/helm-chart/values/xgen-backend-gateway.yaml': fs.readFileSync(path.join(KEEP, 'values/xgen-backend-gateway.yaml')),
    'k3s/helm-chart/values/xgen-frontend.yaml': fs.readFileSync(path.join(KEEP, 'values/xgen-frontend.yaml')),
    'xgen-studio.yaml': fs.readFileSync(path.join(KEEP, 'xgen-studio.yaml')),
    'README.md': '# infra\n',
    'node_modules/left-pad/index.js': 'module.exports = 1;\n',
    ...extra,
  };
  for (const [rel, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
  }
  return dir;
}

const git = (dir, ...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

async function openFolder(page, dir) {
  await page.getByLabel('Open folder', { exact: true }).setInputFiles(dir);
}

test('a folder of two sites: pick one, edit, download the patch, git apply changes exactly that line', async () => {
  const dir = twoSites();
  execFileSync(CLI, ['write', dir, '--site', 'jeju']);
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await openFolder(page, dir);
  const picker = page.getByRole('dialog');
  await picker.getByText('This folder holds several sites. Which one do you open?').waitFor();
  await picker.getByRole('button', { name: 'k3s/argocd/projects/jeju.yaml' }).click();
  await page.getByTestId('project-name').filter({ hasText: 'jeju' }).waitFor();
  assert.equal(await picker.count(), 0);

  // Nothing edited: nothing to save.
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await sections.getByRole('button', { name: 'Changes', exact: true }).click();
  await page.getByRole('button', { name: 'Download patch' }).click();
  await page.getByText('Nothing to save: every file is as it was opened.').waitFor();

  await sections.getByRole('button', { name: 'Project', exact: true }).click();
  await page.getByLabel('Description').fill('제주 XGEN 플랫폼 (운영)');
  await page.getByTestId('code').filter({ hasText: 'description: "제주 XGEN 플랫폼 (운영)"' }).waitFor();
  await sections.getByRole('button', { name: 'Changes', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download patch' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'jeju.patch');
  const patch = fs.readFileSync(await download.path(), 'utf8');
  assert.match(patch, /^diff --git a\/k3s\/argocd\/projects\/jeju\.yaml b\/k3s\/argocd\/projects\/jeju\.yaml\n/);

  // The Changes view's Files part holds exactly the patch: its one file,
  // with the patch's own text for it, removed and added lines marked.
  const filesPart = page.getByTestId('file-changes');
  await filesPart.getByText('Files the repository gets: 1').waitFor();
  const item = filesPart.getByTestId('file-change');
  assert.deepEqual(await item.locator('summary').allTextContents(), ['changed k3s/argocd/projects/jeju.yaml']);
  await item.locator('summary').click();
  assert.equal(await item.locator('pre').textContent(), patch);
  assert.deepEqual(await item.locator('.line.removed').allTextContents(), [
    '-  description: "제주 XGEN 플랫폼"   # 화면에 표시되는 이름\n',
  ]);
  assert.deepEqual(await item.locator('.line.added').allTextContents(), [
    '+  description: "제주 XGEN 플랫폼 (운영)"   # 화면에 표시되는 이름\n',
  ]);

  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', 'opened');
  const patchFile = path.join(dir, '..', `${path.basename(dir)}.patch`);
  fs.writeFileSync(patchFile, patch);
  git(dir, 'apply', '--check', patchFile);
  git(dir, 'apply', patchFile);
  assert.equal(git(dir, 'diff', '--numstat'), '1\t1\tk3s/argocd/projects/jeju.yaml\n');
  assert.match(git(dir, 'diff'), /\n-  description: "제주 XGEN 플랫폼"   # 화면에 표시되는 이름\n\+  description: "제주 XGEN 플랫폼 \(운영\)"   # 화면에 표시되는 이름\n/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('three form edits (a value, a route, an environment name): git apply changes exactly their lines, every comment stays', async () => {
  const dir = twoSites();
  execFileSync(CLI, ['write', dir, '--site', 'jeju']);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', 'opened');
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await openFolder(page, dir);
  await page.getByRole('dialog').getByRole('button', { name: 'k3s/argocd/projects/jeju.yaml' }).click();
  await page.getByTestId('project-name').filter({ hasText: 'jeju' }).waitFor();
  const sections = page.getByRole('navigation', { name: 'Sections' });
  const counts = page.getByTestId('change-counts');

  await sections.getByRole('button', { name: 'Project', exact: true }).click();
  await page.getByLabel('Description').fill('제주 XGEN 플랫폼 (운영)');
  await sections.getByRole('button', { name: 'Routes', exact: true }).click();
  await page.locator('.env-switch select').selectOption('prd');
  await page.locator('li.route-row.api').first().getByLabel('Path').fill('/api/core/v2/');
  await counts.filter({ hasText: /prd [1-9]/ }).waitFor();
  await sections.getByRole('button', { name: 'Environments', exact: true }).click();
  const stg = page.locator('li.card[data-env="stg"]');
  await stg.getByLabel('Name', { exact: true }).fill('qa');
  await stg.getByLabel('Name', { exact: true }).press('Enter');
  await page.locator('li.card[data-env="qa"]').waitFor();

  await sections.getByRole('button', { name: 'Changes', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download patch' }).click(),
  ]);
  const patchFile = path.join(dir, '..', `${path.basename(dir)}-three.patch`);
  fs.writeFileSync(patchFile, fs.readFileSync(await download.path()));
  git(dir, 'apply', '--check', patchFile);
  git(dir, 'apply', patchFile);
  git(dir, 'add', '-A');
  const numstat = git(dir, 'diff', '--cached', '--numstat', '--no-renames').trim().split('\n');
  const sources = numstat.filter((l) => !/\tk3s\/observability\//.test(l));
  // The project file: the description, and the environment's two keys
  // (destinations and environments); the values files: the route's path
  // and the environment's key where a file overrides it.
  assert.deepEqual(sources, [
    '3\t3\tk3s/argocd/projects/jeju.yaml',
    '1\t1\tk3s/helm-chart/values/xgen-backend-gateway.yaml',
    '1\t1\tk3s/helm-chart/values/xgen-frontend.yaml',
  ]);
  // The observability files the studio writes move with the environment,
  // whole: stg's removed, qa's added, nothing else.
  for (const line of numstat.filter((l) => !sources.includes(l))) {
    assert.match(line, /^(0\t\d+\tk3s\/observability\/stg\/|\d+\t0\tk3s\/observability\/qa\/)/, line);
  }
  const diff = git(dir, 'diff', '--cached', '--', 'k3s/argocd', 'k3s/helm-chart');
  assert.match(diff, /\n-  stg:\n\+  qa:\n/);
  assert.match(diff, /\n-    - prefix: \/api\/core\/\n\+    - prefix: \/api\/core\/v2\/\n/);
  // Every comment line of the opened files is still there.
  for (const rel of ['k3s/argocd/projects/jeju.yaml', 'k3s/helm-chart/values/xgen-frontend.yaml']) {
    const before = fs.readFileSync(path.join(KEEP, rel.replace('k3s/argocd/projects/', '').replace('k3s/helm-chart/', '')), 'utf8');
    const after = fs.readFileSync(path.join(dir, rel), 'utf8');
    for (const comment of before.split('\n').filter((l) => l.trim().startsWith('#'))) {
      assert.ok(after.includes(comment), `${rel} keeps ${comment}`);
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a folder the studio refuses changes nothing and says why', async () => {
  const dir = twoSites({ 'k3s/argocd/projects/jeju-copy.yaml': fs.readFileSync(path.join(KEEP, 'jeju.yaml')) });
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await openFolder(page, dir);
  await page
    .getByText('The folder was not opened; nothing was changed. k3s/argocd/projects/jeju-copy.yaml and k3s/argocd/projects/jeju.yaml have the same project.name')
    .waitFor();
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  await page.close();
});

test('the site picker takes focus on its first choice; Escape closes it and gives focus back', async () => {
  const dir = twoSites();
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  const env = page.locator('.env-switch select');
  await env.focus();
  await openFolder(page, dir);
  const picker = page.getByRole('dialog');
  await picker.getByText('This folder holds several sites. Which one do you open?').waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  await page.waitForFunction(() => document.activeElement?.closest('.site-picker'));
  assert.equal(await focused(), 'k3s/argocd/projects/busan.yaml');
  await page.keyboard.press('Escape');
  assert.equal(await picker.count(), 0);
  assert.ok(await env.evaluate((el) => el === document.activeElement));
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  await page.close();
});

// A real drop of a folder: Chromium's DevTools protocol drags the folder
// from disk (Input.dispatchDragEvent with its path), so the page gets real
// FileSystemEntry objects through DataTransferItem.webkitGetAsEntry.
test('a folder dropped onto the page is walked by its entries and opened', async () => {
  const dir = twoSites();
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  const cdp = await suite.browser.context.newCDPSession(page);
  const data = { items: [], files: [dir], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) {
    await cdp.send('Input.dispatchDragEvent', { type, x: 300, y: 300, data });
  }
  const picker = page.getByRole('dialog');
  await picker.getByText('This folder holds several sites. Which one do you open?').waitFor();
  assert.deepEqual(await picker.getByRole('listitem').allTextContents(), [
    'k3s/argocd/projects/busan.yaml',
    'k3s/argocd/projects/jeju.yaml',
  ]);
  await picker.getByRole('button', { name: 'k3s/argocd/projects/busan.yaml' }).click();
  await page.getByTestId('project-name').filter({ hasText: 'busan' }).waitFor();
  assert.deepEqual(errors, []);
  await cdp.detach();
  await page.close();
});
