// The page at the limits (docs/security.md, "Limits"): drops a bundle of a
// project at every limit (written by crates/xgen-core/tests/limits.rs) and
// reports, not asserts, how long the import takes until the project shows,
// the render time the page reports, one description edit until the preview
// shows it, and the JS heap and wasm memory after a full collection.
// Usage: node scripts/bench-limits.mjs <bundle.zip>   (after a release trunk build)
import fs from 'node:fs';
import { serve, launch, openStudio } from '../tests/browser/harness.mjs';

const zip = { name: 'at-limits.zip', bytes: fs.readFileSync(process.argv[2]) };
const server = await serve();
const { context, close } = await launch();
try {
  const { page } = await openStudio(context, server.url);
  const cdp = await context.newCDPSession(page);
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return page.evaluate(() => ({
      heap: performance.memory?.usedJSHeapSize ?? 0,
      wasm: Number(document.querySelector('[data-testid="render-stats"]')?.dataset.wasmMemory ?? 0),
    }));
  };
  const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
  const before = await memory();
  // The bytes go in as base64 and the drop is timed in the page: handing
  // 4 MB to the page as a list of numbers would time the test driver.
  const shown = await page.evaluate(
    ({ name, base64 }) =>
      new Promise((resolve) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const dataTransfer = new DataTransfer();
        dataTransfer.items.add(new File([bytes], name));
        const main = document.querySelector('main');
        const start = performance.now();
        for (const type of ['dragenter', 'dragover', 'drop']) main.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true }));
        const poll = () =>
          document.querySelector('[data-testid="project-name"]')?.textContent.includes('limits')
            ? resolve(Math.round(performance.now() - start))
            : requestAnimationFrame(poll);
        poll();
      }),
    { name: zip.name, base64: zip.bytes.toString('base64') },
  );
  const stats = await page.getByTestId('render-stats').textContent();
  const after = await memory();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Project' }).click();
  const edit = await page.evaluate(
    (text) =>
      new Promise((resolve) => {
        const input = document.getElementById([...document.querySelectorAll('label')].find((l) => l.textContent === 'Description').htmlFor);
        const start = performance.now();
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const poll = () =>
          document.querySelector('[data-testid="code"]')?.textContent.includes(text)
            ? resolve(Math.round(performance.now() - start))
            : requestAnimationFrame(poll);
        poll();
      }),
    'an edit at the limits',
  );
  console.log(`page, bundle at every limit (${zip.bytes.length} bytes): drop to project shown ${shown} ms; preview says "${stats.trim()}"`);
  console.log(`page, description edit at the limits: ${edit} ms until the preview shows it`);
  console.log(`page memory: JS heap ${mb(before.heap)} -> ${mb(after.heap)}, wasm ${mb(before.wasm)} -> ${mb(after.wasm)}`);
} finally {
  await close?.();
  await server.close();
}
