// Deploy anywhere: dist/ served under a sub-path, as a company's static host
// would, loads every asset, the built-in example and the PromQL worker
// relative to the page, and asks nothing of the host's root.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openStudio, DIST } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serve(DIST, { prefix: '/xgen-studio/' });
  browser = await launch();
});
after(async () => {
  await browser.close();
  await server.close();
});

test('served under /xgen-studio/, the page opens on the example and starts its worker', async () => {
  assert.match(server.url, /\/xgen-studio\/$/);
  const { page } = await openStudio(browser.context, server.url);
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Alerts' }).click();
  const rule = page.locator('fieldset.alert-rule', { hasText: 'Pod Restart Detected' });
  await rule.getByLabel('PromQL').fill('sum(rate(kube_pod_container_status_restarts_total[15m])');
  await page.getByRole('button', { name: /XS406 error/ }).waitFor();
  const paths = server.requests;
  assert.ok(!paths.includes('/favicon.ico'), 'the page names its icon: no guess at the host root');
  assert.ok(paths.some((p) => p.endsWith('.wasm') && p.includes('promql-worker')), paths.join(' '));
  assert.ok(paths.includes('/xgen-studio/examples/xgen.yaml'), paths.join(' '));
  const outside = paths.filter((p) => !p.startsWith('/xgen-studio/'));
  assert.deepEqual(outside, [], 'every request stays under the sub-path');
  await page.close();
});

test('the icon is shipped and loads under the sub-path', async () => {
  const { page } = await openStudio(browser.context, server.url);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  assert.match(href, /^\.\/favicon-[0-9a-f]+\.svg$/);
  const icon = new URL(href, server.url);
  assert.ok(icon.pathname.startsWith('/xgen-studio/'), icon.pathname);
  const res = await page.request.get(icon.href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /image\/svg\+xml/);
  assert.match(await res.text(), /^<svg /);
  assert.ok(!server.requests.includes('/favicon.ico'), server.requests.join(' '));
  await page.close();
});
