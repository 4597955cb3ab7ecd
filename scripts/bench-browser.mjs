// Browser benchmark, in the release page under headless Chromium. Prints
// figures; asserts nothing about time.
//
// - first render of the example (page clock);
// - edit to preview, the matrix: each edit made as a user makes it, with its
//   own form open and the preview showing a file that the edit changes, timed
//   in the page from the input event until the preview's DOM shows the new
//   text (median and p95; 3 warm-up edits not counted), and until the page
//   is idle again (the problems and change counts follow the preview in
//   tasks of their own), on the example and on 120 services x 5
//   environments:
//     a service field (Memory request) in Services, every card shown;
//     an API route added in Routes;
//     an alert threshold in Alerts;
//     a traffic-policy field (the project default's Max ejection percent);
//     the project Description;
//     an environment renamed (re-renders that environment; reported apart);
// - with a page built with `--features bench`, how many effects and memos
//   of the page re-ran per edit (median), from the page's counter;
// - importing the large project (the page's own render timing), and
//   switching the language after one import and after ten more;
// - 500 mixed edits on the large project, with the JS heap and the wasm
//   memory before and after (the page must stay alive);
// - the route matcher against 1,000 rules.
//
// Needs dist/ (trunk build --release) and target/bench/bench-120x5.yaml
// (`cargo bench -p xgen-core --bench render -- --write-only`). DIST=dir
// measures another build; ONLY=text measures the edits whose name holds it;
// SKIP_LONG=1 leaves out the import, the long run and the matcher.
// RERUNS_BY=1 (a bench build) prints, per edit series, where the closures
// that re-ran are (file:line of each `tick`), per edit, with the time they
// took (each with what it calls), the costliest first.
// PROFILE=dir records a CPU profile of each measured edit series on the large
// project (PROFILE_OF=example: on the example) into dir/<n>.cpuprofile (open it in Chromium's DevTools) and prints
// the functions that take the most time, by self time and with what they
// call; build the page with names kept to read them (docs/decisions.md,
// "What an edit of a large project still costs").
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, dropFiles, ROOT } from '../tests/browser/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 40);
const LONG = Number(process.env.LONG_EDITS ?? 500);
// Edits made and not counted first: the first edit of a page also starts the
// undo history and autosave.
const WARMUP = 3;
const example = { name: 'xgen.yaml', bytes: fs.readFileSync(path.join(ROOT, 'public/examples/xgen.yaml')) };
const big = { name: 'bench.yaml', bytes: fs.readFileSync(path.join(ROOT, 'target/bench/bench-120x5.yaml')) };

const quantile = (s, q) => s[Math.min(s.length - 1, Math.ceil(s.length * q) - 1)];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, p95 ${quantile(s, 0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (${s.length} runs)`;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;

const server = await serve(process.env.DIST ? path.resolve(process.env.DIST) : undefined);
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

  // One edit, in the page: `act` is what the user does (set a field's text,
  // with an input event, or a change event for fields applied when left; or a
  // button's click); then the time until the preview's code shows `expect`
  // (a MutationObserver sees the DOM change as soon as it is made). It looks
  // in the nodes that changed, not in the whole code view: reading the text
  // of a 4,000-line view at every mutation would time the benchmark itself.
  // For the same reason it observes the code view alone: the observer's
  // callback runs before it reads the clock, and going through every node a
  // form adds (a route row and its options) timed the benchmark by up to a
  // tenth of an edit. A code view replaced during an edit would never show
  // the text, which fails the series instead of timing it wrong.
  const edit = (act, expect) =>
    page.evaluate(
      ({ act, expect }) =>
        new Promise((resolve, reject) => {
          const scope = act.within ? document.querySelector(act.within) : document;
          if (!scope) return reject(new Error(`no ${act.within}`));
          const code = document.querySelector('[data-testid="code"]');
          if (!code) return reject(new Error('no code view'));
          const inCode = (node) => node && (node.nodeType === 1 ? node : node.parentElement)?.closest('[data-testid="code"]');
          const changedShows = (records) =>
            records.some(
              (r) =>
                (r.type === 'characterData' && inCode(r.target) && r.target.data.includes(expect)) ||
                [...r.addedNodes].some((n) => inCode(n) && n.textContent.includes(expect)),
            );
          const reruns = () => (window.__xgenReruns ? window.__xgenReruns() : NaN);
          let before = NaN;
          const obs = new MutationObserver((records) => {
            if (changedShows(records)) {
              const ms = performance.now() - start;
              obs.disconnect();
              // Then until the page is idle again: the problems and the
              // change counts follow the preview in tasks of their own. A
              // task that starts within a few ms of the one before finds
              // nothing left to run.
              let last = performance.now();
              const settle = () => {
                const now = performance.now();
                if (now - last < 8) {
                  const busy = last - start;
                  // The counter is read once the page is idle again:
                  // effects scheduled by the edit and not needed to show
                  // it count too.
                  setTimeout(() => resolve({ ms, busy, reruns: reruns() - before }), 50);
                } else {
                  last = now;
                  setTimeout(settle, 0);
                }
              };
              last = -Infinity;
              setTimeout(settle, 0);
            }
          });
          let target;
          if (act.button) {
            target = [...scope.querySelectorAll('button')].find((b) => b.textContent.trim() === act.button);
          } else {
            const label = [...scope.querySelectorAll('label')].find((l) => l.textContent.trim() === act.label);
            target = label && document.getElementById(label.htmlFor);
          }
          if (!target) return reject(new Error(`nothing to edit: ${JSON.stringify(act)}`));
          obs.observe(code, { childList: true, subtree: true, characterData: true });
          before = reruns();
          const start = performance.now();
          if (act.button) {
            target.click();
          } else {
            target.value = act.value;
            target.dispatchEvent(new Event('input', { bubbles: true }));
            if (act.commit) target.dispatchEvent(new Event('change', { bubbles: true }));
          }
          setTimeout(() => {
            obs.disconnect();
            reject(new Error(`the preview never showed ${expect}`));
          }, 10_000);
        }),
      { act, expect },
    );

  const section = (name) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
  const selectEnv = (env) => page.locator('.env-switch select').selectOption(env);
  // Shows the file whose path ends with `suffix` (the tree's buttons carry
  // the path as their title), unfolding its environment's group first as a
  // person does (a folded group holds no buttons).
  const showFile = async (suffix) => {
    const env = suffix.split('/')[1];
    await page.evaluate((env) => {
      const group = [...document.querySelectorAll('details.group')].find((d) =>
        d.querySelector('summary').textContent.startsWith(`Rendered · ${env} (`),
      );
      if (group && !group.open) group.open = true;
    }, env);
    await page.waitForFunction((suffix) => [...document.querySelectorAll('button.file')].some((b) => b.title.endsWith(suffix)), suffix);
    await page.evaluate((suffix) => [...document.querySelectorAll('button.file')].find((b) => b.title.endsWith(suffix)).click(), suffix);
  };

  const showProjectFile = () =>
    page.evaluate(() => [...document.querySelectorAll('button.file')].find((b) => b.title.includes('/projects/')).click());

  // The matrix. `env`: the environment whose form and file are shown.
  const scenarios = (envs, service) => {
    const [first, last] = [envs[0], envs[envs.length - 1]];
    return [
      {
        name: `service field (Memory request of ${service} in ${last}, every card shown)`,
        open: async () => {
          await selectEnv(last);
          await section('Services');
          await showFile(`/${last}/${service}/deployment.yaml`);
        },
        act: (i) => [{ within: `li.service-card[data-service="${service}"]`, label: 'Memory request', value: `${300 + i}Mi` }, `${300 + i}Mi`],
      },
      {
        name: `route added (Routes in ${last})`,
        open: async () => {
          await selectEnv(last);
          await section('Routes');
          await showFile(`/${last}/xgen-frontend/virtualservice.yaml`);
        },
        // Each added route is the form's new "/new/" rule: the VirtualService
        // gains one match with it.
        act: () => [{ button: 'Add API route' }, 'prefix: /new/'],
      },
      {
        name: `alert threshold (Memory above, Prometheus rules of ${last})`,
        open: async () => {
          await selectEnv(last);
          await section('Alerts');
          await showFile(`/${last}/observability/prometheus/prometheus-rules.yaml`);
        },
        act: (i) => [{ label: 'Memory above (% of limit)', value: String(10 + (i % 89)) }, `* 100 > ${10 + (i % 89)}\n`],
      },
      {
        name: `traffic-policy field (default Max ejection percent, ${service}'s DestinationRule in ${last})`,
        open: async () => {
          await selectEnv(last);
          await section('Traffic policy');
          await showFile(`/${last}/${service}/destinationrule.yaml`);
        },
        act: (i) => [{ label: 'Max ejection percent', value: String(10 + (i % 89)) }, `maxEjectionPercent: ${10 + (i % 89)}\n`],
      },
      {
        name: 'project Description (the project file)',
        open: async () => {
          await section('Project');
          await showProjectFile();
        },
        act: (i) => [{ label: 'Description', value: `edit number ${i}` }, `edit number ${i}`],
      },
      {
        name: `environment renamed (${first}, the project file), apart`,
        open: async () => {
          await section('Environments');
          await showProjectFile();
        },
        // The first environment's name field, applied when left.
        act: (i) => [{ within: 'li.card', label: 'Name', value: `stage${i}`, commit: true }, `stage${i}:`],
      },
    ];
  };

  const matrix = async (label, envs, service) => {
    for (const s of scenarios(envs, service).filter((s) => s.name.includes(process.env.ONLY ?? ''))) {
      try {
        await s.open();
        await page.waitForTimeout(200);
        const ms = [];
        const busy = [];
        const reruns = [];
        const profiling = process.env.PROFILE && label.startsWith(process.env.PROFILE_OF ?? '120');
        // RERUNS_BY=1 (a bench build): which closures re-ran, by place.
        const counts = () => page.evaluate(() => (window.__xgenRerunsBy ? window.__xgenRerunsBy() : ''));
        const before = process.env.RERUNS_BY ? await counts() : '';
        const byPlace = process.env.RERUNS_BY
          ? async () => {
              // `file:line count ms` per line.
              const parse = (t) =>
                new Map(
                  t
                    .split('\n')
                    .filter(Boolean)
                    .map((l) => l.split(' '))
                    .map(([k, n, ms]) => [k, [Number(n), Number(ms)]]),
                );
              const [a, b] = [parse(before), parse(await counts())];
              const edits = RUNS + WARMUP;
              return [...b]
                .map(([k, [n, ms]]) => [k, n - (a.get(k)?.[0] ?? 0), ms - (a.get(k)?.[1] ?? 0)])
                .filter(([, n]) => n > 0)
                .sort((x, y) => y[2] - x[2])
                .slice(0, 15)
                .map(([k, n, ms]) => `    ${(ms / edits).toFixed(2)} ms in ${(n / edits).toFixed(1)} re-runs per edit ${k}`)
                .join('\n');
            }
          : null;
        for (let i = 0; i < RUNS + WARMUP; i++) {
          if (profiling && i === WARMUP) await profiler.start();
          const [act, expect] = s.act(i);
          const r = await edit(act, expect);
          if (i >= WARMUP) {
            ms.push(r.ms);
            busy.push(r.busy);
            reruns.push(r.reruns);
          }
        }
        if (profiling) await profiler.stop(s.name);
        if (process.env.RERUNS_BY && byPlace) console.log(`  re-runs by place over the series:\n${await byPlace()}`);
        const counted = reruns.every(Number.isFinite) ? `; effects and memos re-run per edit: median ${median(reruns)}, max ${Math.max(...reruns)}` : '';
        console.log(`browser, ${label}, ${s.name}: ${stats(ms)}${counted}`);
        console.log(`  until idle again (problems and change counts updated): ${stats(busy)}`);
      } catch (e) {
        console.log(`browser, ${label}, ${s.name}: NOT MEASURED (${e.message.split('\n')[0]})`);
      }
    }
  };
  // Memory after a full garbage collection (Chromium's DevTools protocol), so
  // the figure is what the page keeps, not garbage not yet collected.
  const cdp = await context.newCDPSession(page);
  let profiles = 0;
  const profiler = {
    start: async () => {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    },
    stop: async (name) => {
      const { profile } = await cdp.send('Profiler.stop');
      fs.mkdirSync(process.env.PROFILE, { recursive: true });
      const file = path.join(process.env.PROFILE, `${++profiles}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      // Self time per function, and total time (self and callees, each
      // function counted once per sample however deep it recurses).
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const parent = new Map();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const self = new Map();
      const total = new Map();
      const counts = new Map();
      for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
      let samples = 0;
      for (const [id, count] of counts) {
        samples += count;
        const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
        self.set(name(byId.get(id)), (self.get(name(byId.get(id))) ?? 0) + count);
        const seen = new Set();
        for (let at = id; at !== undefined; at = parent.get(at)) {
          const n = name(byId.get(at));
          if (!seen.has(n)) total.set(n, (total.get(n) ?? 0) + count);
          seen.add(n);
        }
      }
      const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, c]) => `    ${((100 * c) / samples).toFixed(1)}% ${n.slice(0, 140)}`);
      console.log(`  profile of ${name}: ${file} (${samples} samples)\n  by self time:\n${top(self, 25).join('\n')}\n  by total time:\n${top(total, 40).join('\n')}`);
    },
  };
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return page.evaluate(() => ({
      heap: performance.memory?.usedJSHeapSize ?? 0,
      wasm: Number(document.querySelector('[data-testid="render-stats"]')?.dataset.wasmMemory ?? 0),
    }));
  };
  const load = async (file, name) => {
    await dropFiles(page, [file]);
    await page.getByTestId('project-name').filter({ hasText: name }).waitFor();
  };

  await matrix('example', ['dev', 'prd'], 'xgen-core');
  // A fresh page for what follows (the matrix renamed an environment).
  await page.goto(server.url);
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();

  const renderMs = async () => Number((await page.getByTestId('render-stats').textContent()).match(/built in ([\d.]+) ms/)[1]);
  // Switching the language of the large project (its Overview shown) and
  // back, until the page is idle: after its first import and after ten more
  // of it and the example. Whatever an import makes and leaves behind in
  // the language's subscribers makes this grow (i18n::lang_scope).
  const switchLanguage = async () => {
    const t0 = await page.evaluate(() => performance.now());
    for (const l of ['ko', 'en']) {
      await page.getByTestId('language').selectOption(l);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    }
    return (await page.evaluate(() => performance.now())) - t0;
  };
  const imports = [];
  let firstSwitch = NaN;
  for (let i = 0; i < (process.env.SKIP_LONG ? 0 : 10); i++) {
    await load(big, 'bench');
    imports.push(await renderMs());
    if (i === 0) firstSwitch = await switchLanguage();
    await load(example, 'xgen');
  }
  if (imports.length) console.log(`browser, import of 120 services x 5 environments (whole snapshot): ${stats(imports)}`);

  await load(big, 'bench');
  if (imports.length) {
    const later = await switchLanguage();
    console.log(`browser, language switched and back on 120 x 5: ${firstSwitch.toFixed(0)} ms after its first import, ${later.toFixed(0)} ms after ten more imports`);
  }
  await matrix('120 services x 5 environments', ['env0', 'env1', 'env2', 'env3', 'env4'], 'xgen-core');

  if (!process.env.SKIP_LONG) {
    // Many mixed edits in a row on the large project: the page must stay
    // alive, and its memory must not grow with the number of edits beyond the
    // bounded undo history.
    // A fresh page (it restores the work saved in this browser).
    await page.goto(server.url);
    await page.getByTestId('project-name').waitFor();
    await load(example, 'xgen');
    await load(big, 'bench');
    const mixed = scenarios(['env0', 'env4'], 'xgen-core').slice(0, 5).filter((s) => !s.name.startsWith('route'));
    await mixed[0].open();
    const before = await memory();
    const long = [];
    for (let i = 0; i < LONG && !crashed; i++) {
      const s = mixed[Math.floor(i / 25) % mixed.length];
      if (i % 25 === 0) await s.open();
      const [act, expect] = s.act(i);
      try {
        long.push((await edit(act, expect)).ms);
      } catch {
        // A value equal to the one shown changes nothing: not counted.
      }
    }
    const after = crashed ? { heap: 0, wasm: 0 } : await memory();
    console.log(
      `browser, ${LONG} mixed edits on 120 x 5 (service field, alert, traffic policy, description): ${crashed ? 'THE PAGE CRASHED' : 'page alive'}; ${stats(long.length ? long : [0])}; ` +
        `JS heap ${mb(before.heap)} -> ${mb(after.heap)}, wasm memory ${mb(before.wasm)} -> ${mb(after.wasm)}`,
    );

    // The route matcher against 1,000 rules, in wasm (the page's ?bench=matcher).
    await page.goto(`${server.url}?bench=matcher`);
    console.log(await page.getByTestId('bench-result').textContent({ timeout: 60_000 }));
  }
} finally {
  await close();
  await server.close();
}
