// Browser security: the Content-Security-Policy is in force; a whole session
// (drop a file, edit, simulate, hand-written PromQL, download) requests nothing
// but the page's own assets, and "Open URL" reaches exactly the address the user
// typed; hostile text stays text on the page and data in the YAML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { openStudio, dropFiles, FIXTURES, studioSuite } from './harness.mjs';
import { unzip } from './unzip.mjs';

const suite = studioSuite();
const section = (page, name) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();

// Another origin, over https (the policy allows `https:` for "Open URL" only),
// with a throw-away self-signed certificate.
let foreign;
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xgen-tls-'));
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  const hits = [];
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
    hits.push(req.url);
    res.writeHead(200, { 'content-type': 'application/yaml', 'access-control-allow-origin': '*' });
    res.end(fs.readFileSync(path.join(FIXTURES, 'acme.yaml')));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  foreign = { url: `https://127.0.0.1:${server.address().port}/projects/acme.yaml`, hits, server, dir };
});
after(async () => {
  await new Promise((r) => foreign.server.close(r));
  fs.rmSync(foreign.dir, { recursive: true, force: true });
});

async function download(page) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download bundle' }).click()]);
  return fs.readFileSync(await d.path());
}

test('the page carries a Content-Security-Policy that allows only its own scripts, styles and fetches', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'(;|$)/);
  assert.match(policy, /style-src 'self'(;|$)/);
  assert.match(policy, /connect-src 'self' https:(;|$)/);
  // It is enforced: an inline script added now does not run.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.append(s);
  });
  assert.equal(await page.evaluate(() => window.__injected ?? false), false);
  await page.close();
});

test('a whole session requests only same-origin assets, apart from an explicit Open URL', async () => {
  const origin = new URL(suite.server.url).origin;
  const requests = [];
  const record = (r) => requests.push(r.url());
  suite.browser.context.on('request', record);
  const violations = [];
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  page.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));

  await dropFiles(page, [{ name: 'acme.yaml', bytes: fs.readFileSync(path.join(FIXTURES, 'acme.yaml')) }]);
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  await section(page, 'Project');
  await page.getByLabel('Description').fill('edited in the session test');
  await section(page, 'Simulator');
  await page.getByLabel('URL', { exact: true }).fill('https://example.invalid/api/v1');
  await page.getByTestId('sim-status').waitFor();
  await section(page, 'Alerts');
  await page.locator('fieldset.alert-rule', { hasText: 'Pod Not Running' }).getByLabel('PromQL').fill('up == 0');
  await page.locator('.field-msg', { hasText: 'Hand-written and parses' }).waitFor();
  const zip = await download(page);
  assert.ok(zip.length > 1000);

  const own = (u) => u.startsWith(`${origin}/`) || u.startsWith('blob:') || u.startsWith('data:');
  assert.deepEqual(requests.filter((u) => !own(u)), [], 'only same-origin requests before Open URL');
  assert.ok(requests.some((u) => u.includes('xgen-promql-worker')), 'the worker came from the same origin');

  // Open URL: the one address typed, and nothing else.
  await page.getByRole('button', { name: 'Load example' }).click();
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  const count = requests.length;
  await page.getByLabel('Project URL').fill(foreign.url);
  await page.getByRole('button', { name: 'Open URL' }).click();
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();
  assert.deepEqual(requests.slice(count).filter((u) => !own(u)), [foreign.url]);
  assert.deepEqual(foreign.hits, ['/projects/acme.yaml']);
  assert.deepEqual(violations, [], 'no request was refused by the policy along the way');
  suite.browser.context.off('request', record);
  await page.close();
});

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '{{ .Values.secret }}',
  '"; x: y',
  'line one\nline two: {a: b}',
  `<script>window.__pwned=2</script>${'z'.repeat(5000)}`,
];

test('hostile text shows as text and stays data in the YAML', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });
  await section(page, 'Project');
  const field = page.getByLabel('Description');
  for (const text of HOSTILE) {
    await field.fill(text);
    // The project file in the preview shows the text as text.
    const code = page.getByTestId('code');
    assert.ok((await code.textContent()).length > 0);
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned ?? 0), 0);
  }
  // The last value is data in the exported project file, whole.
  await field.fill(HOSTILE[0]);
  await section(page, 'Alerts');
  const channel = page.getByLabel('Channel');
  await channel.fill(HOSTILE[1]);
  await page.getByLabel('Title prefix').fill(HOSTILE[2]);
  const zip = unzip(await download(page));
  const text = (name) => zip.find((e) => e.name === name).data.toString('utf8');
  const project = YAML.parse(text('k3s/argocd/projects/xgen.yaml'));
  assert.equal(project.project.description, HOSTILE[0]);
  const settings = YAML.parse(text('xgen-studio.yaml'));
  const dev = settings.alerts.contactPoints[Object.keys(settings.alerts.contactPoints)[0]];
  assert.equal(dev.channel, HOSTILE[1]);
  assert.equal(dev.titlePrefix, HOSTILE[2]);
  const alerting = YAML.parse(text(`k3s/observability/${Object.keys(settings.alerts.contactPoints)[0]}/grafana/alerting.yaml`));
  assert.equal(alerting.contactPoints[0].receivers[0].settings.recipient, HOSTILE[1]);
  assert.equal(dialogs, 0);
  assert.equal(await page.evaluate(() => window.__pwned ?? 0), 0);
  await page.close();
});
