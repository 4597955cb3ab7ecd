// Secrets: the download can carry placeholders instead of plain-text secrets,
// byte-identical to `xgen-studio bundle --placeholders`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openStudio, dropFiles, CLI, studioSuite } from './harness.mjs';
import { unzip } from './unzip.mjs';

const suite = studioSuite();

const project = 'project: {name: vault, namespace: vault}\ndestinations: {dev: {server: https://k, domain: v.example.com}}\nvars:\n  DB_PASSWORD: hunter2\n  APP_SITE: site\nservices:\n  - {name: xgen-core}\n';

test('secrets become placeholders in the download when asked, as in the CLI', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await dropFiles(page, [{ name: 'vault.yaml', bytes: Buffer.from(project) }]);
  await page.getByTestId('project-name').filter({ hasText: 'vault' }).waitFor();
  const toggle = page.getByLabel(/Secrets as placeholders/);
  assert.match(await page.locator('label.secrets-toggle').textContent(), /1 in plain text/);
  await toggle.check();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download bundle', exact: true }).click()]);
  const bytes = fs.readFileSync(await dl.path());
  const file = unzip(bytes).find((e) => e.name === 'k3s/argocd/projects/vault.yaml').data.toString();
  assert.match(file, /DB_PASSWORD: \$\{DB_PASSWORD\}/);
  assert.doesNotMatch(file, /hunter2/);
  assert.match(file, /APP_SITE: site/);
  // The page's own state keeps the value (only the export is redacted).
  assert.match(await page.getByTestId('code').textContent(), /DB_PASSWORD: hunter2/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xgen-secrets-'));
  fs.writeFileSync(path.join(dir, 'vault.yaml'), project);
  execFileSync(CLI, ['bundle', path.join(dir, 'vault.yaml'), '--placeholders', '-o', path.join(dir, 'out.zip')]);
  assert.ok(bytes.equals(fs.readFileSync(path.join(dir, 'out.zip'))), 'browser and CLI differ');
  await page.close();
});
