// Browser benchmark, in the release page under headless Chromium. Prints
// figures; asserts nothing about time.
//
// - first render of the example (page clock);
// - edit to preview: a field edited until the preview's DOM shows it, on the
//   example and on 100 services x 4 environments (median and p95, 3 warm-up
//   edits not counted);
// - importing the large project (the page's own render timing);
// - 500 edits on the large project, with the JS heap and the wasm memory
//   before and after (the page must stay alive);
// - the route matcher against 1,000 rules.
//
// Needs dist/ (trunk build --release) and target/bench/bench-100x4.yaml
// (from `cargo bench -p xgen-core --bench render`).
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, dropFiles, ROOT } from '../tests/browser/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 40);
const LONG = Number(process.env.LONG_EDITS ?? 500);
// Edits made and not counted first: the first edit of a page also starts the
// undo history and autosave.
const WARMUP = 3;
const example = { name: 'xgen.yaml', bytes: fs.readFileSync(path.join(ROOT, 'public/examples/xgen.yaml')) };
const big = { name: 'bench.yaml', bytes: fs.readFileSync(path.join(ROOT, 'target/bench/bench-100x4.yaml')) };

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const p95 = s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (${s.length} runs)`;
};
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;

const server = await serve();
const { context, close } = await launch();
try {
  const page = await context.newPage();
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
  });
  // The page's own clock: from navigation start to the moment the example's
  // project name is in the DOM (a MutationObserver installed before any script).
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid="project-name"]')?.textContent.includes('xgen')) {
        window.__firstRender = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const t0 = Date.now();
  await page.goto(server.url);
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  const wall = Date.now() - t0;
  const inPage = await page.evaluate(() => window.__firstRender);
  console.log(`first render with the example: ${inPage.toFixed(0)} ms from navigation start (page clock), ${wall} ms seen by the driver (local server)`);

  // One edit: set the project description as a user would (an input event),
  // then time, in the page, until the preview's code shows it (a
  // MutationObserver sees the DOM change as soon as it is made). It looks in
  // the nodes that changed, not in the whole code view: reading the text of
  // a 4,000-line view at every mutation would time the benchmark itself.
  const edit = (text) =>
    page.evaluate(
      (text) =>
        new Promise((resolve) => {
          const input = document.getElementById([...document.querySelectorAll('label')].find((l) => l.textContent === 'Description').htmlFor);
          const code = document.querySelector('[data-testid="code"]');
          const inCode = (node) => node && (node.nodeType === 1 ? node : node.parentElement)?.closest('[data-testid="code"]');
          const changedShows = (records) =>
            records.some(
              (r) =>
                (r.type === 'characterData' && inCode(r.target) && r.target.data.includes(text)) ||
                [...r.addedNodes].some((n) => inCode(n) && n.textContent.includes(text)),
            );
          const obs = new MutationObserver((records) => {
            if (changedShows(records)) {
              obs.disconnect();
              resolve(performance.now() - start);
            }
          });
          obs.observe(code.closest('main') ?? document.body, { childList: true, subtree: true, characterData: true });
          const start = performance.now();
          input.value = text;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      text,
    );
  const openProjectForm = () => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Project' }).click();
  const editLatency = async (label) => {
    await openProjectForm();
    const latencies = [];
    for (let i = 0; i < RUNS + WARMUP; i++) latencies.push(await edit(`edit number ${i} of ${label}`));
    latencies.splice(0, WARMUP);
    console.log(`browser, edit to preview, ${label}: ${stats(latencies)}`);
  };
  // Memory after a full garbage collection (Chromium's DevTools protocol), so
  // the figure is what the page keeps, not garbage not yet collected.
  const cdp = await context.newCDPSession(page);
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return page.evaluate(() => ({
      heap: performance.memory?.usedJSHeapSize ?? 0,
      wasm: Number(document.querySelector('[data-testid="render-stats"]')?.dataset.wasmMemory ?? 0),
    }));
  };

  await editLatency('example');

  const renderMs = async () => Number((await page.getByTestId('render-stats').textContent()).match(/built in ([\d.]+) ms/)[1]);
  const imports = [];
  for (let i = 0; i < 10; i++) {
    await dropFiles(page, [big]);
    await page.getByTestId('project-name').filter({ hasText: 'bench' }).waitFor();
    imports.push(await renderMs());
    await dropFiles(page, [example]);
    await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  }
  console.log(`browser, import of 100 services x 4 environments (whole snapshot): ${stats(imports)}`);

  await dropFiles(page, [big]);
  await page.getByTestId('project-name').filter({ hasText: 'bench' }).waitFor();
  await editLatency('100 services x 4 environments');

  // Many edits in a row on the large project: the page must stay alive, and
  // its memory must not grow with the number of edits beyond the bounded
  // undo history.
  await openProjectForm();
  const before = await memory();
  const long = [];
  for (let i = 0; i < LONG && !crashed; i++) long.push(await edit(`long run edit ${i}`));
  const after = crashed ? { heap: 0, wasm: 0 } : await memory();
  console.log(
    `browser, ${LONG} edits on 100 services x 4 environments: ${crashed ? 'THE PAGE CRASHED' : 'page alive'}; ${stats(long.length ? long : [0])}; ` +
      `JS heap ${mb(before.heap)} -> ${mb(after.heap)}, wasm memory ${mb(before.wasm)} -> ${mb(after.wasm)}`,
  );

  // The route matcher against 1,000 rules, in wasm (the page's ?bench=matcher).
  await page.goto(`${server.url}?bench=matcher`);
  console.log(await page.getByTestId('bench-result').textContent({ timeout: 60_000 }));
} finally {
  await close();
  await server.close();
}
