// The page fits its screen: on a phone the preview is one tap away and as
// wide as the screen; at 1440 px the sections take one row; no select cuts
// its text; no name (a service, a file, a host) breaks inside a word; the
// routing diagram's labels are whole and as large as the page's code.
// Everything is measured in the browser: boxes, and the line boxes of the
// text of each name (Range.getClientRects).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStudio, studioSuite } from './harness.mjs';

const suite = studioSuite();
const nav = (page) => page.getByRole('navigation', { name: 'Sections' });
const section = (page, name) => nav(page).getByRole('button', { name, exact: true }).click();

/** The names inside the elements matching `selector` that the browser laid
 * out on more than one line. A name is a run of characters without a space
 * or a `/` (`xgen-backend-gateway-prd`, `alerting.yaml`): a break at a
 * hyphen or inside a word counts, a break after a `/` does not. `name`
 * says otherwise where a path may break after more marks. */
const brokenNames = (page, selector, name = '[^\\s/]+') =>
  page.evaluate(([selector, name]) => {
    const broken = [];
    for (const el of document.querySelectorAll(selector)) {
      if (!el.getClientRects().length) continue; // not shown
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push([n, text.length]);
        text += n.data;
      }
      const at = (i) => {
        const [node, start] = nodes.findLast(([, s]) => s <= i);
        return [node, i - start];
      };
      for (const m of text.matchAll(new RegExp(name, 'g'))) {
        const range = document.createRange();
        range.setStart(...at(m.index));
        const [node, offset] = at(m.index + m[0].length - 1);
        range.setEnd(node, offset + 1);
        // One line: every box overlaps the first one's height (a name in
        // code beside a `:` in prose sits a few px lower, on the same line).
        const [first, ...rest] = [...range.getClientRects()].filter((r) => r.width > 0);
        if (rest.some((r) => r.top >= first.bottom - 2 || r.bottom <= first.top + 2)) broken.push(m[0]);
      }
    }
    return broken;
  }, [selector, name]);

/** The text inputs matching `selector` whose value is wider than their box. */
const cutInputs = (page, selector) =>
  page.evaluate((selector) => {
    const ctx = document.createElement('canvas').getContext('2d');
    const cut = [];
    for (const input of document.querySelectorAll(selector)) {
      if (!input.getClientRects().length) continue;
      const style = getComputedStyle(input);
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (ctx.measureText(input.value).width > room) cut.push(`${input.id}: "${input.value}" in ${Math.round(room)} px`);
    }
    return cut;
  }, selector);

/** The selects whose shown option is wider than the room the box gives it. */
const cutSelects = (page) =>
  page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d');
    const cut = [];
    for (const select of document.querySelectorAll('select')) {
      const box = select.getBoundingClientRect();
      if (!box.width) continue;
      const style = getComputedStyle(select);
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]?.textContent ?? '';
      // The arrow takes about 20 px at the right of Chromium's select.
      const room = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      if (ctx.measureText(text).width > room) cut.push(`${select.id || select.getAttribute('aria-label') || '?'}: "${text}" in ${Math.round(box.width)} px`);
    }
    return cut;
  });

const NAMES = [
  '.tree button.file',
  '[data-testid="selected-path"]',
  'table.services tbody th',
  'table.services td.mono',
  '.project-meta dd',
  '.env-meta dd',
];

test('on a phone the preview is one tap away, as wide as the screen, its file list folds, and no name breaks', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await page.setViewportSize({ width: 390, height: 844 });
  const preview = page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Preview', exact: true });
  const button = await preview.boundingBox();
  assert.ok(button.y + button.height <= 844, `the Preview switch is on the first screen (at ${button.y} px)`);
  // Deep in a long form, the switch is still at hand.
  await section(page, 'Services');
  await page.evaluate(() => window.scrollTo(0, 3000));
  const held = await preview.boundingBox();
  assert.ok(held.y >= 0 && held.y + held.height <= 844, `the switch stays in view while the form scrolls (at ${held.y} px)`);
  await preview.click();
  await page.getByTestId('code').waitFor();
  // The page scrolls to the preview on the next animation frame: give it a
  // few frames, then measure.
  const onScreen = () => {
    const top = document.querySelector('.preview').getBoundingClientRect().top;
    return top >= 0 && top < 844;
  };
  await page.waitForFunction(onScreen, null, { timeout: 5000 }).catch(() => {});
  const top = await page.evaluate(() => document.querySelector('.preview').getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 844, `the preview starts on the screen (at ${top} px), not 3,000 px down`);
  assert.equal(await nav(page).isVisible(), false, 'the form is put away');
  const code = await page.getByTestId('code').boundingBox();
  assert.ok(code.width >= 340, `the code is ${code.width} px wide on a 390 px screen`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'nothing scrolls sideways');
  assert.deepEqual(await brokenNames(page, '[data-testid="selected-path"]'), []);

  // The file list is folded; unfolded, its names are whole; a pick folds it.
  const files = page.getByRole('navigation', { name: 'Bundle files' });
  assert.equal(await files.isVisible(), false);
  const toggle = page.getByTestId('files-toggle');
  assert.match(await toggle.textContent(), /^Files \(\d+\)$/);
  await toggle.click();
  // Every group unfolded (a bundle this small opens with all of them).
  await files.locator('details.group:not([open]) > summary').evaluateAll((s) => s.forEach((x) => x.click()));
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await files.waitFor();
  assert.deepEqual(await brokenNames(page, '.tree button.file'), []);
  await files.getByRole('button', { name: 'xgen-backend-gateway/deployment.yaml' }).first().click();
  await files.waitFor({ state: 'hidden' });
  assert.match(await page.getByTestId('selected-path').textContent(), /xgen-backend-gateway\/deployment\.yaml$/);
  assert.deepEqual(await brokenNames(page, '[data-testid="selected-path"]'), []);

  // Back to the form, where it was left (3,000 px down the services); the
  // overview's and the simulator's names whole.
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Form', exact: true }).click();
  await nav(page).waitFor();
  await page.waitForFunction(() => window.scrollY > 2500);
  for (const name of ['Overview', 'Simulator']) {
    await section(page, name);
    await page.waitForTimeout(100);
    assert.deepEqual(await brokenNames(page, NAMES.join(', ')), [], `names in ${name}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, `${name}: nothing scrolls sideways`);
  }
  await page.close();
});

test("on a phone a problem's place breaks only after a dot, a slash, a bracket or a ·, route paths are whole, the routes' file is whole", async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const lang of ['en', 'ko']) {
    if (lang === 'ko') await page.getByTestId('language').selectOption('ko');
    const places = page.locator('.problem .place');
    assert.ok((await places.count()) >= 3, `${lang}: the example has problems`);
    assert.ok((await places.allTextContents()).some((p) => p.includes('loadBalancer.simple')), `${lang}: a long place is listed`);
    // "loadB|alancer.simple" is broken; "loadBalancer.|simple" is not.
    assert.deepEqual(await brokenNames(page, '.problem .place', '[^\\s/.[·]+'), [], `${lang}: places`);
    await page.getByRole('navigation', { name: lang === 'en' ? 'Sections' : '섹션' }).getByRole('button', { name: lang === 'en' ? 'Routes' : '라우트', exact: true }).click();
    await page.getByTestId('routes-apply-in').waitFor();
    assert.deepEqual(await brokenNames(page, '[data-testid="routes-apply-in"]'), [], `${lang}: the values file and the service`);
    const paths = page.locator('.route-row input[type="text"], .route-row input:not([type])');
    assert.ok((await paths.count()) >= 3, `${lang}: the example has routes`);
    assert.deepEqual(await cutInputs(page, '.route-row.sse input, .route-row.api .field:nth-of-type(2) input'), [], `${lang}: route paths`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, `${lang}: nothing scrolls sideways`);
  }
  await page.close();
});

test('a problem opened from the preview pane shows its field in the form', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await page.setViewportSize({ width: 390, height: 844 });
  await section(page, 'Alerts');
  const field = page.getByLabel('5xx share above (%)');
  await field.fill('120');
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Preview', exact: true }).click();
  await nav(page).waitFor({ state: 'hidden' });
  await page.getByTestId('invalid-fields').click();
  await nav(page).waitFor();
  await page.waitForFunction(() => document.activeElement?.id?.includes('highErrorRate'));
  assert.ok(await field.isVisible());
  await page.close();
});

for (const width of [1280, 1440, 1920]) {
  test(`at ${width} px the sections take one row, no select is cut, no name breaks, the diagram reads`, async () => {
    const { page } = await openStudio(suite.browser.context, suite.server.url);
    await page.setViewportSize({ width, height: 900 });
    assert.equal(await page.getByTestId('pane-switch').isVisible(), false, 'both panes side by side, no switch');
    for (const lang of ['en', 'ko']) {
      if (lang === 'ko') await page.getByTestId('language').selectOption('ko');
      const tabs = page.getByRole('navigation', { name: lang === 'en' ? 'Sections' : '섹션' }).getByRole('button');
      const rows = new Set((await tabs.evaluateAll((b) => b.map((x) => Math.round(x.getBoundingClientRect().top)))));
      assert.equal(rows.size, 1, `${lang}: the section navigation is one row`);
      // The header is two rows: the problem count beside the actions, not
      // on a third row of its own.
      const [count, download] = await page.evaluate(() =>
        ['#download-errors', '.top .actions button.primary'].map((s) => document.querySelector(s).getBoundingClientRect()),
      );
      assert.ok(count.top < download.bottom && count.bottom > download.top, `${lang}: the problem count is on the actions' row (${count.top} px, the actions at ${download.top} px)`);
      for (let i = 0; i < (await tabs.count()); i++) {
        await tabs.nth(i).click();
        await page.waitForTimeout(50);
        const name = await tabs.nth(i).textContent();
        assert.deepEqual(await cutSelects(page), [], `${lang} ${name}: selects`);
        assert.deepEqual(await brokenNames(page, NAMES.join(', ')), [], `${lang} ${name}: names`);
      }
    }
    await page.getByTestId('language').selectOption('en');
    await section(page, 'Simulator');
    const labels = await page.getByTestId('diagram').locator('text').allTextContents();
    assert.ok(labels.length >= 4 && labels.every((l) => !l.endsWith('…')), `whole labels: ${labels.join(' | ')}`);
    assert.ok(labels.includes('xgen-frontend-gateway') || labels.some((l) => l.endsWith('-gateway')), labels.join(' | '));
    const size = await page.getByTestId('diagram').evaluate((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return parseFloat(getComputedStyle(svg.querySelector('text')).fontSize) * scale;
    });
    assert.ok(size >= 11.9, `the diagram's labels are ${size.toFixed(2)} px`);
    if (width >= 1920) {
      const [svg, frame] = await page.evaluate(() => [
        document.querySelector('[data-testid="diagram"]').getBoundingClientRect().width,
        document.querySelector('.diagram-wrap').clientWidth,
      ]);
      assert.ok(svg <= frame, `a wide screen shows the whole diagram (${svg} px in ${frame} px)`);
    }
    await page.close();
  });
}
