// Trunk post-build hook (Trunk.toml): writes the page's Content-Security-Policy
// into the built index.html as its first <meta>, before any script.
//
// The policy lets the page load only its own scripts, styles, wasm and worker,
// and fetch only from its own origin, plus `https:` for "Open URL", which
// fetches the address the user typed, only when they press the button (the
// browser tests record every request to hold the page to that). Trunk starts
// the wasm with an inline module script whose text names the build's hashed
// files, so that script is allowed by its SHA-256, computed here after every
// build. `'wasm-unsafe-eval'` lets the page compile WebAssembly, nothing else.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('csp.mjs: no TRUNK_STAGING_DIR (run as a trunk hook, or pass the dist directory)');
  process.exit(2);
}
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');

const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https:",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
if (!/<meta charset="utf-8" \/>/.test(html)) {
  console.error('csp.mjs: index.html has no <meta charset="utf-8" /> to put the policy after');
  process.exit(1);
}
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`);
fs.writeFileSync(file, html);
console.log(`csp.mjs: policy written (${hashes.length} inline script(s) allowed by hash)`);
