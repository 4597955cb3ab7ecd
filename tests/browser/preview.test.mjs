// The live preview: file tree grouped by environment, highlighted YAML, live
// updates, diff against the imported file, copy and download per file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { dropFiles, openStudio, studioSuite } from './harness.mjs';

const suite = studioSuite({ permissions: ['clipboard-read', 'clipboard-write'] });

const fresh = async () => (await openStudio(suite.browser.context, suite.server.url)).page;

const tree = (page) => page.getByRole('navigation', { name: 'Bundle files' });

test('the tree groups rendered files by environment and shows the selected file', async () => {
  const page = await fresh();
  const groups = await tree(page).locator('summary').allTextContents();
  assert.deepEqual(groups.map((g) => g.replace(/ \(\d+\)$/, '')), ['Sources and charts', 'Rendered · dev', 'Rendered · prd']);
  assert.equal(await page.getByTestId('selected-path').textContent(), 'k3s/argocd/projects/xgen.yaml');
  await tree(page).locator('details', { hasText: 'Rendered · prd' }).getByRole('button', { name: 'xgen-frontend/virtualservice.yaml' }).click();
  assert.equal(await page.getByTestId('selected-path').textContent(), 'rendered/prd/xgen-frontend/virtualservice.yaml');
  const code = page.getByTestId('code');
  assert.match(await code.textContent(), /name: xgen-frontend-vs/);
  assert.match(await code.textContent(), /jeju-xgen\.x2bee\.com/);
  // Highlighted: keys are spans of their own; the text is unchanged.
  assert.ok((await code.locator('.y-key').count()) > 5);
  await page.close();
});

test('the preview updates live when the state changes', async () => {
  const page = await fresh();
  await tree(page).locator('details', { hasText: 'Rendered · dev' }).getByRole('button', { name: 'xgen-frontend/service.yaml' }).click();
  assert.match(await page.getByTestId('code').textContent(), /port: 3000/);
  const values = 'serviceName: xgen-frontend\nport: 3100\ningress:\n  enabled: true\n  hosts: []\n';
  await dropFiles(page, [{ name: 'xgen-frontend.yaml', bytes: Buffer.from(values) }]);
  await page.getByTestId('code').filter({ hasText: 'port: 3100' }).waitFor();
  assert.equal(await page.getByTestId('selected-path').textContent(), 'rendered/dev/xgen-frontend/service.yaml');
  await page.close();
});

test('compare with imported shows what the studio changed', async () => {
  const page = await fresh();
  await page.getByLabel('Compare with imported').check();
  const diff = page.getByTestId('diff');
  await diff.waitFor();
  // Unedited, the example comes back as its author wrote it: no line differs.
  assert.equal(await diff.locator('.removed').count(), 0);
  assert.equal(await diff.locator('.added').count(), 0);
  assert.ok((await diff.textContent()).includes('# Cluster and public domain per environment.'));
  // A rendered file has no imported original: the box is disabled.
  await tree(page).getByRole('button', { name: 'argocd/appproject.yaml' }).first().click();
  assert.ok(await page.getByLabel('Compare with imported').isDisabled());
  await page.close();
});

test('copy and download one file', async () => {
  const page = await fresh();
  await page.getByRole('button', { name: 'Copy file' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // The example's own text, comments included.
  assert.match(copied, /^# Project definition for the App-of-Apps root chart/);
  assert.match(copied, /\nproject:\n {2}name: xgen\n/);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download file' }).click()]);
  assert.equal(dl.suggestedFilename(), 'xgen.yaml');
  assert.equal(fs.readFileSync(await dl.path(), 'utf8'), copied);
  await page.close();
});

test('renaming the project keeps it the same project: the files it touched are marked', async () => {
  const page = await fresh();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Project', exact: true }).click();
  const name = page.locator('fieldset', { hasText: 'Argo CD project' }).getByLabel('Name', { exact: true });
  await name.fill('xgen-renamed');
  await name.blur();
  await page.getByTestId('project-name').filter({ hasText: 'xgen-renamed' }).waitFor();
  // A project told apart by its name would count the rename as another
  // project and mark nothing.
  await page.getByTestId('changed-count').filter({ hasText: 'touched' }).waitFor();
  assert.ok((await tree(page).locator('button.file.changed').count()) > 0);
  await page.close();
});

test('the code view shows no stray frame above the first line or below the last', async () => {
  const page = await fresh();
  const code = page.getByTestId('code').locator('code');
  // The message style's <code> (a border, a background) split around the
  // block chunks and showed as a faint bracket at the top and the bottom.
  const style = await code.evaluate((c) => {
    const s = getComputedStyle(c);
    return { display: s.display, border: s.borderTopWidth, background: s.backgroundColor };
  });
  assert.deepEqual(style, { display: 'block', border: '0px', background: 'rgba(0, 0, 0, 0)' });
  // The first line starts where the code starts: no empty line box above it.
  const [codeTop, lineTop] = await code.evaluate((c) => [c.getBoundingClientRect().top, c.querySelector('.line').getBoundingClientRect().top]);
  assert.ok(Math.abs(lineTop - codeTop) < 1, `${codeTop} vs ${lineTop}`);
  await page.close();
});

// A large project: 60 services in 5 environments (over 400 files).
const largeProject = () => {
  const envs = ['e0', 'e1', 'e2', 'e3', 'e4'];
  const lines = ['project:', '  name: large', 'source:', '  repoURL: https://git.example.com/large.git', '  targetRevision: main', 'destinations:'];
  for (const e of envs) lines.push(`  ${e}:`, `    server: https://k8s-${e}.example.com`, `    domain: ${e}.example.com`);
  lines.push('environments:');
  for (const e of envs) {
    lines.push(`  ${e}:`, '    services:');
    for (let i = 0; i < 60; i++) lines.push(`    - name: svc-${i}`, '      replicas: 1');
  }
  return Buffer.from(lines.join('\n') + '\n');
};

test('a large project opens with its environments folded; a folded group unfolds when opened or when its file is shown', async () => {
  const page = await fresh();
  await dropFiles(page, [{ name: 'large.yaml', bytes: largeProject() }]);
  await page.getByTestId('project-name').filter({ hasText: 'large' }).waitFor();
  const group = (env) => tree(page).locator('details', { hasText: `Rendered · ${env} (` });
  // Folded, and holding no buttons until opened.
  assert.equal(await group('e3').evaluate((d) => d.open), false);
  assert.equal(await group('e3').getByRole('button').count(), 0);
  await group('e3').locator('summary').click();
  await group('e3').getByRole('button', { name: 'svc-7/deployment.yaml' }).click();
  assert.equal(await page.getByTestId('selected-path').textContent(), 'rendered/e3/svc-7/deployment.yaml');
  // Folding it again drops its buttons; the shown file stays.
  await group('e3').locator('summary').click();
  await page.waitForFunction(() => ![...document.querySelectorAll('button.file')].some((b) => b.title.startsWith('rendered/e3/')));
  assert.equal(await page.getByTestId('selected-path').textContent(), 'rendered/e3/svc-7/deployment.yaml');
  // A filter unfolds every group it narrows.
  await page.getByTestId('file-filter').fill('svc-59/hpa');
  await group('e1').getByRole('button', { name: 'svc-59/hpa.yaml' }).waitFor();
  await page.getByTestId('file-filter').fill('');
  await page.close();
});
