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
} finally {
  await close();
  await server.close();
}
