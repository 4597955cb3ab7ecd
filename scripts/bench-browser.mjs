// Browser benchmark: how long the page takes to build the whole bundle (render
// included) for the example and for a 100 services x 4 environments project,
// as the page itself measures it (performance.now() around the bundle memo).
// Needs dist/ (trunk build --release) and target/bench/bench-100x4.yaml (from
// `cargo bench --bench render`). Prints figures; asserts nothing about time.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, dropFiles, ROOT } from '../tests/browser/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const example = { name: 'xgen.yaml', bytes: fs.readFileSync(path.join(ROOT, 'public/examples/xgen.yaml')) };
const big = { name: 'bench.yaml', bytes: fs.readFileSync(path.join(ROOT, 'target/bench/bench-100x4.yaml')) };

const server = await serve();
const { context, close } = await launch();
try {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(server.url);
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  console.log(`first render with the example: ${Date.now() - t0} ms from navigation (local server)`);
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
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (${s.length} runs)`;
  };
  console.log(`browser, example (2 environments): ${stats(times.example)}`);
  console.log(`browser, synthetic 100 services x 4 environments: ${stats(times.big)}`);

  // Edit to preview: set the project description as a user would (an input
  // event), then time, in the page, until the preview's code shows it.
  const editLatency = async (label) => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Project' }).click();
    const latencies = [];
    for (let i = 0; i < RUNS; i++) {
      latencies.push(
        await page.evaluate(
          (text) =>
            new Promise((resolve) => {
              const input = document.getElementById([...document.querySelectorAll('label')].find((l) => l.textContent === 'Description').htmlFor);
              const code = document.querySelector('[data-testid="code"]');
              const start = performance.now();
              input.value = text;
              input.dispatchEvent(new Event('input', { bubbles: true }));
              const poll = () => (code.isConnected && document.querySelector('[data-testid="code"]').textContent.includes(text) ? resolve(performance.now() - start) : requestAnimationFrame(poll));
              poll();
            }),
          `edit number ${i} of ${label}`,
        ),
      );
    }
    console.log(`browser, edit to preview, ${label}: ${stats(latencies)}`);
  };
  await editLatency('example');
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
