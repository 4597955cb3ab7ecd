// Every Gateway, VirtualService and DestinationRule the studio renders
// validates against Istio's own CRD schemas (release 1.30.3, tests/fixtures/istio-1.30.3),
// strictly: unknown fields are errors, as with `kubectl apply --validate=strict`.
// CEL rules (x-kubernetes-validations) are not evaluated here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Ajv from 'ajv';
import YAML from 'yaml';
import { ROOT, CLI } from '../browser/harness.mjs';

const SCHEMAS = path.join(ROOT, 'tests/fixtures/istio-1.30.3');
const KINDS = {
  Gateway: 'gateway-v1.json',
  VirtualService: 'virtualservice-v1.json',
  DestinationRule: 'destinationrule-v1.json',
};

/** Kubernetes structural schema -> strict JSON schema for ajv. */
function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'x-kubernetes-validations' || k === 'description') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strict(s)])) : strict(v);
  }
  if (out['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.properties && !out['x-kubernetes-preserve-unknown-fields'] && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  for (const k of Object.keys(out)) if (k.startsWith('x-kubernetes-')) delete out[k];
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validators = Object.fromEntries(
  Object.entries(KINDS).map(([kind, file]) => {
    const crd = JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'));
    return [kind, ajv.compile(strict(crd.properties.spec))];
  }),
);

function renderedIstioObjects(inputs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xgen-schema-'));
  execFileSync(CLI, ['render', ...inputs, '-o', dir]);
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.includes(`${path.sep}rendered${path.sep}`)) {
        const obj = YAML.parse(fs.readFileSync(p, 'utf8'));
        if (KINDS[obj?.kind]) found.push({ file: path.relative(dir, p), obj });
      }
    }
  };
  walk(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return found;
}

const projects = [
  path.join(ROOT, 'public/examples/xgen.yaml'),
  ...fs.readdirSync(path.join(ROOT, 'tests/fixtures/projects'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join(ROOT, 'tests/fixtures/projects', f)),
];

for (const project of projects) {
  test(`Istio objects of ${path.basename(project)} validate against Istio 1.30.3 schemas`, () => {
    const objects = renderedIstioObjects([project]);
    const kinds = new Set(objects.map((o) => o.obj.kind));
    assert.deepEqual([...kinds].sort(), ['DestinationRule', 'Gateway', 'VirtualService']);
    for (const { file, obj } of objects) {
      assert.match(obj.apiVersion, /^networking\.istio\.io\/v1(alpha3|beta1)?$/, file);
      const validate = validators[obj.kind];
      assert.ok(validate(obj.spec), `${file}: ${ajv.errorsText(validate.errors)}`);
    }
  });
}

test('the strict schemas reject what Istio rejects', () => {
  const dr = validators.DestinationRule;
  assert.ok(dr({ host: 'a', trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } } }));
  assert.ok(!dr({ host: 'a', trafficPolicy: { loadBalancer: { simple: 'FASTEST' } } }), 'unknown enum value');
  assert.ok(!dr({ host: 'a', trafficPolicy: { connectionPool: { tcp: { maxConections: 1 } } } }), 'misspelt field');
  assert.ok(!validators.VirtualService({ hosts: ['a'], http: [{ match: [{ uri: { prefixx: '/' } }] }] }));
});
