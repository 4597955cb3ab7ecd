// Korean: a Korean browser gets the Korean page, every UI text of every
// section is Korean, the language can be switched in place (the work stays),
// and the output does not depend on the language.
//
// What may stay in Latin letters in Korean (see src/i18n/mod.rs): the user's
// data and generated YAML (marked translate="no"), and the few names below.
// Problems, field messages and the simulator's reasons are Korean too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStudio, studioSuite, launch } from './harness.mjs';

const suite = studioSuite({ locale: 'ko-KR' });

/** Names that are the same in every language: the product, formats, check codes. */
const NAMES = [/^XGEN Config Studio$/, /^XS\d{3}$/, /^URL$/, /^PromQL$/];
/** Example values shown as placeholders (and `<service>.yaml`, a values file's default name). */
const EXAMPLES = new Set(['stg', 'my-service', 'site.example.com', 'https://kubernetes.default.svc', 'https://…/projects/site.yaml']);

/** Every text node and label-like attribute of the page that is UI text
 * (not data, not the core's English diagnostics) and has no Korean in it. */
async function untranslated(page) {
  return page.evaluate(({ names, examples }) => {
    const hangul = /[\uAC00-\uD7A3]/;
    const latin = /[A-Za-z]/;
    const isData = (el) => el.closest('[translate]')?.getAttribute('translate') === 'no' || el.closest('[lang]')?.getAttribute('lang') === 'en' || el.closest('pre, code, textarea, script, style, noscript');
    const named = (s) => names.some((n) => new RegExp(n).test(s));
    const bad = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (!text || !latin.test(text) || hangul.test(text) || named(text)) continue;
      if (isData(node.parentElement)) continue;
      bad.push(`text "${text}" in <${node.parentElement.tagName.toLowerCase()} class="${node.parentElement.className}">`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(attr)?.trim();
        if (!value || !latin.test(value) || hangul.test(value) || named(value)) continue;
        if (attr === 'placeholder' && (examples.includes(value) || /^[a-z0-9-]+\.yaml$/.test(value))) continue;
        if (attr === 'title' && el.getAttribute('translate') === 'no') continue;
        bad.push(`${attr}="${value}" on <${el.tagName.toLowerCase()}>`);
      }
    }
    return bad;
  }, { names: NAMES.map((r) => r.source), examples: [...EXAMPLES] });
}

test('a Korean browser gets every section in Korean', async () => {
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
  const nav = page.getByRole('navigation', { name: '섹션' });
  const sections = await nav.getByRole('button').allTextContents();
  assert.deepEqual(sections, ['개요', '프로젝트', '환경 목록', '서비스', '라우트', '트래픽 정책', '알림', '시뮬레이터', '변경 사항']);
  const found = [];
  for (const name of sections) {
    await nav.getByRole('button', { name, exact: true }).click();
    for (const b of await untranslated(page)) found.push(`${name}: ${b}`);
  }
  // A rule with hand-written PromQL, a service with its own traffic policy and
  // a route test bring out texts the example does not show at first.
  await nav.getByRole('button', { name: '알림', exact: true }).click();
  await page.locator('textarea[id$="highMemory_expr"]').fill('sum(rate(x[5m])');
  await page.locator('.field.invalid textarea').first().waitFor();
  for (const b of await untranslated(page)) found.push(`알림 (PromQL): ${b}`);
  await nav.getByRole('button', { name: '서비스', exact: true }).click();
  await page.getByLabel('레플리카', { exact: true }).first().fill('two');
  await page.locator('.field.invalid .field-msg').filter({ hasText: '0 이상의 정수' }).waitFor();
  for (const b of await untranslated(page)) found.push(`서비스 (잘못된 값): ${b}`);
  await nav.getByRole('button', { name: '트래픽 정책', exact: true }).click();
  await page.locator('#traffic-scope').selectOption({ index: 1 });
  for (const b of await untranslated(page)) found.push(`트래픽 정책 (서비스): ${b}`);
  await nav.getByRole('button', { name: '시뮬레이터', exact: true }).click();
  await page.getByRole('button', { name: '이 URL을 라우트 테스트로 추가' }).click();
  await page.getByTestId('route-test-result').filter({ hasText: '통과' }).waitFor();
  for (const b of await untranslated(page)) found.push(`시뮬레이터 (테스트): ${b}`);
  // After those edits the Changes view lists objects and source files.
  await nav.getByRole('button', { name: '변경 사항', exact: true }).click();
  await page.getByTestId('source-changes').locator('li').first().waitFor();
  await page.getByTestId('source-changes').locator('summary').first().click();
  for (const b of await untranslated(page)) found.push(`변경 사항: ${b}`);
  // Messages of the banner: share, start fresh, a file that does not import.
  await page.getByRole('button', { name: '공유 링크', exact: true }).click();
  await page.getByTestId('banner').filter({ hasText: '공유 링크' }).waitFor();
  for (const b of await untranslated(page)) found.push(`공유: ${b}`);
  await page.getByRole('button', { name: '새로 시작', exact: true }).click();
  await page.getByRole('alertdialog').waitFor();
  for (const b of await untranslated(page)) found.push(`새로 시작 (확인): ${b}`);
  await page.getByRole('alertdialog').getByRole('button', { name: '새 프로젝트 시작' }).click();
  await page.getByTestId('banner').filter({ hasText: '빈 새 프로젝트' }).waitFor();
  for (const b of await untranslated(page)) found.push(`새로 시작 (환경): ${b}`);
  await page.locator('#paste-yaml').fill('project: [unclosed');
  await page.getByRole('button', { name: '붙여 넣은 텍스트 가져오기' }).click();
  await page.getByTestId('banner').filter({ hasText: '아무것도 바뀌지 않았습니다' }).waitFor();
  for (const b of await untranslated(page)) found.push(`가져오기 오류: ${b}`);
  assert.deepEqual([...new Set(found)], []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('switching the language changes the page in place and keeps the work', async () => {
  const { context, close } = await launch({ locale: 'en-US' });
  try {
    const { page } = await openStudio(context, suite.server.url);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('button', { name: 'Project', exact: true }).click();
    const description = page.getByLabel('Description', { exact: true });
    await description.fill('edited before the switch');
    const yaml = await page.getByTestId('code').textContent();

    await page.getByTestId('language').selectOption('ko');
    await page.getByRole('navigation', { name: '섹션' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    // Same section, same field, same value; the output does not change.
    assert.equal(await page.getByLabel('설명', { exact: true }).inputValue(), 'edited before the switch');
    assert.equal(await page.getByTestId('code').textContent(), yaml);
    assert.match(await page.getByRole('button', { name: '실행 취소' }).textContent(), /실행 취소/);

    // The choice is kept in this browser: a reload opens in Korean.
    await page.reload();
    await page.getByRole('navigation', { name: '섹션' }).waitFor();
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Undo' }).count(), 1);

    // The service cards, made again when the list changes, read a language
    // of their own (i18n::lang_scope): it follows the page's both ways.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Services', exact: true }).click();
    const cards = page.locator('.service-card');
    const before = await cards.count();
    await page.locator('#add-service-custom').fill('added-service');
    await page.getByRole('button', { name: 'Add service', exact: true }).click();
    await cards.nth(before).waitFor();
    const replicas = (name) => cards.last().getByLabel(name, { exact: true });
    assert.equal(await replicas('Replicas').count(), 1);
    await page.getByTestId('language').selectOption('ko');
    await replicas('레플리카').waitFor();
    assert.equal(await replicas('Replicas').count(), 0);
    await page.getByTestId('language').selectOption('en');
    await replicas('Replicas').waitFor();
    assert.equal(await cards.first().getByLabel('Replicas', { exact: true }).count(), 1);
    await page.close();
  } finally {
    await close();
  }
});
