// Browser benchmark: how long the page takes to build the whole bundle (render
// included) for the example and for a 100 services x 4 environments project,
// as the page itself measures it (performance.now() around the bundle memo).
// Needs dist/ (trunk build --release) and target/bench/bench-100x4.yaml (from
// `cargo bench --bench render`). Prints figures; asserts nothing about time.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, dropFiles, ROOT } from '../tests/browser/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 40);
// Edits made and not counted first: the first edit of a page also starts the
// undo history and autosave.
const WARMUP = 3;
const example = { name: 'xgen.yaml', bytes: fs.readFileSync(path.join(ROOT, 'public/examples/xgen.yaml')) };
const big = { name: 'bench.yaml', bytes: fs.readFileSync(path.join(ROOT, 'target/bench/bench-100x4.yaml')) };

const server = await serve();
const { context, close } = await launch();
try {
  const page = await context.newPage();
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
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const p95 = s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
    return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (${s.length} runs)`;
  };
  // Edit to preview: set the project description as a user would (an input
  // event), then time, in the page, until the preview's code shows it (a
  // MutationObserver sees the DOM change as soon as it is made, without the
  // frame-rate granularity of polling).
  const editLatency = async (label) => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Project' }).click();
    const latencies = [];
    for (let i = 0; i < RUNS + WARMUP; i++) {
      latencies.push(
        await page.evaluate(
          (text) =>
            new Promise((resolve) => {
              const input = document.getElementById([...document.querySelectorAll('label')].find((l) => l.textContent === 'Description').htmlFor);
              const code = document.querySelector('[data-testid="code"]');
              const shows = () => document.querySelector('[data-testid="code"]')?.textContent.includes(text);
              const obs = new MutationObserver(() => {
                if (shows()) {
                  obs.disconnect();
                  resolve(performance.now() - start);
                }
              });
              obs.observe(code.closest('main') ?? document.body, { childList: true, subtree: true, characterData: true });
              const start = performance.now();
              input.value = text;
              input.dispatchEvent(new Event('input', { bubbles: true }));
              if (shows()) {
                obs.disconnect();
                resolve(performance.now() - start);
              }
            }),
          `edit number ${i} of ${label}`,
        ),
      );
    }
    latencies.splice(0, WARMUP);
    console.log(`browser, edit to preview, ${label}: ${stats(latencies)}`);
  };
  // On a fresh page with the example, as a user opens the studio.
  await editLatency('example');
  const times = { example: [], big: [] };
  const read = async () => Number((await page.getByTestId('render-stats').textContent()).match(/built in ([\d.]+) ms/)[1]);
  for (let i = 0; i < RUNS; i++) {
    await dropFiles(page, [big]);
    await page.getByTestId('project-name').filter({ hasText: 'bench' }).waitFor();
    times.big.push(await read());
    await dropFiles(page, [example]);
    await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
    times.example.push(await read());
  }
  console.log(`browser, example (2 environments): ${stats(times.example)}`);
  console.log(`browser, synthetic 100 services x 4 environments: ${stats(times.big)}`);

  await dropFiles(page, [big]);
  await page.getByTestId('project-name').filter({ hasText: 'bench' }).waitFor();
  await editLatency('synthetic 100 services x 4 environments');

  // The route matcher against 1,000 rules, in wasm (the page's ?bench=matcher).
  await page.goto(`${server.url}?bench=matcher`);
  console.log(await page.getByTestId('bench-result').textContent({ timeout: 60_000 }));
} finally {
  await close();
  await server.close();
}
