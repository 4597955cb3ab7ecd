// Accessibility: axe-core finds no serious or critical violation in any
// section, and the whole path (import, edit a route, simulate, download) works
// with the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStudio, studioSuite, FIXTURES, ROOT } from './harness.mjs';
import { unzip } from './unzip.mjs';

const suite = studioSuite();
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SECTIONS = ['Overview', 'Project', 'Environments', 'Services', 'Routes', 'Traffic policy', 'Alerts', 'Simulator'];

async function axe(page) {
  // Evaluated through the driver, not as a page script, so the page's
  // Content-Security-Policy stays as it is.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

test('axe-core: no serious or critical violation in any section', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  const found = [];
  for (const name of SECTIONS) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
    for (const v of await axe(page)) found.push({ section: name, ...v });
  }
  const bad = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`axe-core: ${SECTIONS.length} sections, ${found.length} violations (${bad.length} serious or critical)`);
  for (const v of found) console.log(`  ${v.section}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.join(', ')})`);
  assert.deepEqual(bad, []);
  await page.close();
});

/** Presses Tab (or Shift+Tab) until the focused element satisfies `want`,
 * which gets { tag, type, name, label, text } of document.activeElement. */
async function tabTo(page, want, { max = 400, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      const label = a?.labels?.[0]?.textContent ?? a?.getAttribute('aria-label') ?? '';
      return { tag: a?.tagName.toLowerCase(), type: a?.type, label, text: a?.textContent?.trim() ?? '', inRow: a?.closest('li.route-row')?.className ?? '' };
    });
    if (want(el)) return el;
  }
  throw new Error('focus never reached the element');
}

test('keyboard only: import, edit a route, simulate, download', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await page.locator('body').focus();

  // Import: "Open files…" by keyboard; the system file dialog gets the file.
  // Wait for the chooser from the start: Playwright intercepts the system
  // dialog only once a listener exists, and setting that up while the key is
  // pressed can lose the dialog.
  const chooserOpened = page.waitForEvent('filechooser');
  await tabTo(page, (e) => e.tag === 'input' && e.type === 'file');
  await page.keyboard.press('Space');
  const chooser = await chooserOpened;
  await chooser.setFiles(path.join(FIXTURES, 'acme.yaml'));
  await page.getByTestId('project-name').filter({ hasText: 'acme' }).waitFor();

  // Edit a route: the Routes section, then the first API route's path.
  await tabTo(page, (e) => e.tag === 'button' && e.text === 'Routes');
  await page.keyboard.press('Enter');
  await page.locator('li.route-row.api').first().waitFor();
  const field = await tabTo(page, (e) => e.tag === 'input' && e.label === 'Path' && e.inRow.includes('api'));
  assert.equal(field.label, 'Path');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('/keyboard/');

  // Simulate that path.
  await tabTo(page, (e) => e.tag === 'button' && e.text === 'Simulator', { back: true });
  await page.keyboard.press('Enter');
  await tabTo(page, (e) => e.tag === 'input' && e.label === 'URL');
  await page.keyboard.type('https://acme-dev.example.com/keyboard/x');
  await page.getByTestId('sim-status').waitFor();
  const result = await page.getByTestId('sim-result').textContent();
  assert.match(result, /\/keyboard\//, 'the simulator sees the edited route');

  // Download by keyboard; the edit is in the bundle.
  await tabTo(page, (e) => e.tag === 'button' && e.text === 'Download bundle', { back: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const entries = unzip(fs.readFileSync(await download.path()));
  const edited = entries.filter((e) => e.data.toString('utf8').includes('/keyboard/')).map((e) => e.name);
  assert.ok(edited.some((n) => n.endsWith('virtualservice.yaml')), `the edited route is in the bundle: ${edited}`);
  await page.close();
});
