// Browser test harness: serves dist/ on a loopback port and starts Debian's
// Chromium through playwright-core with a fresh temporary profile. Nothing is
// downloaded; the flags stop Chromium's own background connections.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(root, 'dist');
export const ROOT = root;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.yaml': 'application/yaml',
  '.svg': 'image/svg+xml',
};

export const FIXTURES = path.join(root, 'tests/fixtures/projects');

/** Serves `dir` on 127.0.0.1 at a free port, and the test fixtures under
 * /test-fixtures/ (for "open from URL"). With `prefix` ('/xgen-studio/'),
 * `dir` is served under that sub-path only, as a company's static host
 * would, and everything else is 404. Returns { url, close, requests }. */
export async function serve(dir = DIST, { prefix = '/' } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push(url.pathname);
    let base = dir;
    let rel = decodeURIComponent(url.pathname);
    if (prefix !== '/' && !rel.startsWith('/test-fixtures/')) {
      if (!rel.startsWith(prefix)) {
        res.writeHead(404).end('not found');
        return;
      }
      rel = `/${rel.slice(prefix.length)}`;
    }
    if (rel.startsWith('/test-fixtures/')) {
      base = FIXTURES;
      rel = rel.slice('/test-fixtures'.length);
    }
    let file = path.normalize(path.join(base, rel));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, requests, close: () => new Promise((r) => server.close(r)) };
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh browser context with its own temporary profile and download folder. */
export async function launch({ locale = 'en-US' } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xgen-studio-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    acceptDownloads: true,
    // The security test's "foreign" origin uses a throw-away self-signed certificate.
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    // The page follows the browser's language; tests say which one they use.
    locale,
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** A new tab on the studio with empty storage (tests share one profile); a
 * reload of that tab keeps its storage, so autosave can be tested. Waits until
 * the built-in example is loaded. */
export async function openStudio(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('xgen-test-tab')) {
      localStorage.clear();
      sessionStorage.setItem('xgen-test-tab', '1');
    }
  });
  await page.goto(url);
  await page.getByTestId('project-name').filter({ hasText: 'xgen' }).waitFor();
  return { page, errors };
}

/** The native CLI built by the test command (debug build: same bytes as release). */
export const CLI = process.env.XGEN_STUDIO_BIN ?? path.join(root, 'target/debug/xgen-studio');

/** Drops files onto the page the way a browser does: dragenter, dragover, drop
 * with a DataTransfer holding File objects. `files` is [{ name, bytes }]. */
export async function dropFiles(page, files) {
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, files.map((f) => ({ name: f.name, bytes: [...f.bytes] })));
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('main', type, { dataTransfer });
  }
}

/** Registers the suite's before/after: one static server and one browser for
 * all tests of a file (with `permissions` granted to the page's origin).
 * Returns an object whose `server` and `browser` are set once running. */
export function studioSuite({ permissions = [], locale } = {}) {
  const suite = { server: null, browser: null };
  before(async () => {
    suite.server = await serve();
    suite.browser = await launch({ locale });
    if (permissions.length) await suite.browser.context.grantPermissions(permissions, { origin: suite.server.url });
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
