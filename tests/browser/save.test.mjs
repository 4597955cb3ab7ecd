// "Save to folder" against the origin-private file system (OPFS), which
// offers the same handle API as a folder the person picks. The folder is
// opened with "Open folder…" from a copy on disk with the same bytes; the
// only test hook is the picker itself: `window.showDirectoryPicker` answers
// with an OPFS folder instead of asking (from the handle on, the product's
// own code reads back, checks and writes). The folder is first brought up
// to date by the CLI (`xgen-studio write`), so a save holds the edit alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { CLI, ROOT, openStudio, studioSuite } from './harness.mjs';

const suite = studioSuite();
const KEEP = path.join(ROOT, 'tests/fixtures/keep');
const PROJECT = 'k3s/argocd/projects/jeju.yaml';

/** A working copy of one commented site on disk, up to date, and its files. */
function oneSite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xgen-save-'));
  const files = {
    [PROJECT]: fs.readFileSync(path.join(KEEP, 'jeju.yaml')),
    'k3s/helm-chart/values/xgen-backend-gateway.yaml': fs.readFileSync(path.join(KEEP, 'values/xgen-backend-gateway.yaml')),
    'k3s/helm-chart/values/xgen-frontend.yaml': fs.readFileSync(path.join(KEEP, 'values/xgen-frontend.yaml')),
    'xgen-studio.yaml': fs.readFileSync(path.join(KEEP, 'xgen-studio.yaml')),
    'README.md': '# infra\n',
  };
  for (const [rel, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
  }
  execFileSync(CLI, ['write', dir]);
  const all = {};
  const walk = (sub) => {
    for (const e of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else all[rel] = fs.readFileSync(path.join(dir, rel), 'latin1');
    }
  };
  walk('');
  return { dir, files: all };
}

/** Makes OPFS folder `name` hold exactly `files` (path → latin1 string of bytes). */
async function seedOpfs(page, name, files) {
  await page.evaluate(async ({ name, files }) => {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(name, { recursive: true }).catch(() => {});
    const top = await root.getDirectoryHandle(name, { create: true });
    for (const [rel, text] of Object.entries(files)) {
      const parts = rel.split('/');
      let dir = top;
      for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create: true });
      const file = await dir.getFileHandle(parts.at(-1), { create: true });
      const w = await file.createWritable();
      await w.write(Uint8Array.from(text, (c) => c.charCodeAt(0)));
      await w.close();
    }
  }, { name, files });
}

/** Every file under OPFS folder `name`, as path → latin1 string of bytes. */
async function readOpfs(page, name) {
  return page.evaluate(async (name) => {
    const out = {};
    const walk = async (dir, prefix) => {
      for await (const [n, h] of dir.entries()) {
        if (h.kind === 'directory') await walk(h, `${prefix}${n}/`);
        else out[`${prefix}${n}`] = String.fromCharCode(...new Uint8Array(await (await h.getFile()).arrayBuffer()));
      }
    };
    await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle(name), '');
    return out;
  }, name);
}

/** The picker answers with OPFS folder `name`, and counts how often it was asked. */
async function pickerGives(page, name) {
  await page.evaluate((name) => {
    window.pickerCalls = [];
    window.showDirectoryPicker = async (options) => {
      window.pickerCalls.push(options);
      return (await navigator.storage.getDirectory()).getDirectoryHandle(name);
    };
  }, name);
}

const section = (page, name) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();

async function openAndEdit(page, dir, description) {
  await page.getByLabel('Open folder', { exact: true }).setInputFiles(dir);
  await page.getByTestId('project-name').filter({ hasText: 'jeju' }).waitFor();
  await section(page, 'Project');
  await page.getByLabel('Description').fill(description);
  await page.getByTestId('code').filter({ hasText: `description: "${description}"` }).waitFor();
  await section(page, 'Changes');
}

const latin1 = (s) => Buffer.from(s, 'utf8').toString('latin1');

test('save to folder writes exactly the edited line; a file changed underneath is refused by name, nothing written', async () => {
  const { dir, files } = oneSite();
  const { page, errors } = await openStudio(suite.browser.context, suite.server.url);
  await seedOpfs(page, 'repo', files);
  await pickerGives(page, 'repo');
  await openAndEdit(page, dir, '제주 XGEN 플랫폼 (운영)');
  await page.getByRole('button', { name: 'Save to folder' }).click();
  await page.getByText(`Saved to the folder repo: ${PROJECT}.`).waitFor();
  assert.deepEqual(await page.evaluate(() => window.pickerCalls), [{ mode: 'readwrite' }]);

  const saved = await readOpfs(page, 'repo');
  assert.deepEqual(Object.keys(saved).sort(), Object.keys(files).sort());
  for (const [rel, bytes] of Object.entries(files)) {
    if (rel !== PROJECT) assert.equal(saved[rel], bytes, rel);
  }
  const before = files[PROJECT].split('\n');
  const after = saved[PROJECT].split('\n');
  assert.equal(after.length, before.length);
  const differ = before.map((l, i) => [l, after[i]]).filter(([a, b]) => a !== b);
  assert.equal(differ.length, 1, JSON.stringify(differ));
  assert.match(differ[0][0], /^  description: /);
  assert.equal(differ[0][1], differ[0][0].replace(latin1('"제주 XGEN 플랫폼"'), latin1('"제주 XGEN 플랫폼 (운영)"')));
  // Saved: nothing left to save.
  await page.getByTestId('file-changes').getByText('Files the repository gets: 0').waitFor();

  // Someone changes the project file on disk; the next save refuses, by name.
  const underneath = `${saved[PROJECT]}# edited elsewhere\n`;
  await seedOpfs(page, 'repo', { ...saved, [PROJECT]: underneath });
  await section(page, 'Project');
  await page.getByLabel('Description').fill('제주 XGEN 플랫폼 (시험)');
  await section(page, 'Changes');
  await page.getByRole('button', { name: 'Save to folder' }).click();
  await page
    .getByText(`Not saved; nothing was written. Changed on disk since the folder was opened: ${PROJECT}.`)
    .waitFor();
  assert.deepEqual(await readOpfs(page, 'repo'), { ...saved, [PROJECT]: underneath });
  // The picked folder was kept: the second save asked no picker.
  assert.equal(await page.evaluate(() => window.pickerCalls.length), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('save to another folder than the one opened is refused, nothing written', async () => {
  const { dir, files } = oneSite();
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  const other = { 'README.md': '# another repository\n', [PROJECT]: 'project: {name: other}\n' };
  await seedOpfs(page, 'other', other);
  await pickerGives(page, 'other');
  await openAndEdit(page, dir, 'elsewhere');
  await page.getByRole('button', { name: 'Save to folder' }).click();
  await page.getByText('Not saved; nothing was written. The folder you picked (other) is not the one you opened').waitFor();
  assert.deepEqual(await readOpfs(page, 'other'), other);
  assert.ok(files[PROJECT]);
  await page.close();
});

test('without the File System Access API the button is hidden and a line says why', async () => {
  const { page } = await openStudio(suite.browser.context, suite.server.url);
  await page.addInitScript(() => {
    delete window.showDirectoryPicker;
  });
  await page.reload();
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  await section(page, 'Changes');
  await page.getByText('Save to folder needs a browser that can write to a folder (Chrome, Edge)').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save to folder' }).count(), 0);
  await page.close();
});
