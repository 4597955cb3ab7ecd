// Hidden characters are shown, not obeyed: a bidirectional override or a
// zero-width character in a file name or a name shows escaped (`\u{202e}`)
// in the banner, the header and the Problems list, so `report\u202Elmay.exe`
// never reads as "reportexe.yaml".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStudio, dropFiles, studioSuite } from './harness.mjs';

const suite = studioSuite();
const RLO = '\u202E';
const ZWSP = '\u200B';

test('a file name with a right-to-left override shows the override escaped in the banner', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await dropFiles(page, [{ name: `report${RLO}lmay.exe`, bytes: Buffer.from('not: [a project') }]);
  const banner = page.getByTestId('banner');
  await banner.waitFor();
  const text = await banner.textContent();
  assert.ok(text.includes('report\\u{202e}lmay.exe'), text);
  assert.ok(!text.includes(RLO), 'the override itself is not in the page text');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a project name with a zero-width space shows it escaped in the header and the Problems list', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  const yaml = [
    `project: {name: "xgen${ZWSP}", namespace: acme}`,
    'source: {repoURL: https://git.example.com/acme/infra.git, targetRevision: main}',
    'destinations:',
    '  dev: {server: https://dev.example.com, domain: dev.example.com}',
    'environments:',
    '  dev:',
    '    services:',
    '      - name: xgen-frontend',
    '',
  ].join('\n');
  await dropFiles(page, [{ name: 'acme.yaml', bytes: Buffer.from(yaml) }]);
  const name = page.getByTestId('project-name');
  await name.filter({ hasText: 'xgen\\u{200b}' }).waitFor();
  assert.ok(!(await name.textContent()).includes(ZWSP));
  // XS502 warns about it, and its place shows the name escaped as well.
  const problems = page.locator('li.problem', { hasText: 'XS502' });
  await problems.first().waitFor();
  assert.ok(!(await problems.first().textContent()).includes(ZWSP));
  assert.deepEqual(errors, []);
  await page.close();
});
