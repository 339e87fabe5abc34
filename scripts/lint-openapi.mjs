#!/usr/bin/env node
/*
 * `npm run lint:openapi -- <file or URL> ...` (or OPENAPI_DOCS="<file or URL> ..."; default: the
 * demo hub's two documents, http://127.0.0.1:3000/docs/openapi.json and /docs/bots/openapi.json)
 *
 * Lints OpenAPI documents with Redocly's engine (@redocly/openapi-core, the core of Redocly CLI)
 * and the rules in redocly.yaml. Prints one line per problem; `--json` prints them as JSON for a
 * test to read. Exits 1 when any problem is an error. docs/agents/openapi.md.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintFromString, loadConfig } from '@redocly/openapi-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const sources = args.filter((a) => a !== '--json');
if (sources.length === 0 && process.env.OPENAPI_DOCS)
  sources.push(...process.env.OPENAPI_DOCS.split(/\s+/).filter(Boolean));
if (sources.length === 0) {
  sources.push('http://127.0.0.1:3000/docs/openapi.json', 'http://127.0.0.1:3000/docs/bots/openapi.json');
}

async function read(source) {
  if (!/^https?:\/\//.test(source)) return readFile(source, 'utf8');
  const res = await fetch(source);
  if (!res.ok) throw new Error(`${source}: HTTP ${res.status} (is the hub running? npm start)`);
  return res.text();
}

const config = await loadConfig({ configPath: join(ROOT, 'redocly.yaml') });
const found = [];
for (const source of sources) {
  const problems = await lintFromString({
    source: await read(source),
    absoluteRef: /^https?:/.test(source) ? source : resolve(source),
    config,
  });
  for (const p of problems) {
    found.push({
      source,
      severity: p.severity,
      rule: p.ruleId,
      message: p.message,
      at: p.location[0]?.pointer ?? '',
    });
  }
}
const print = (line) => process.stdout.write(`${line}\n`);
if (json) print(JSON.stringify(found));
else {
  for (const p of found) print(`${p.severity} ${p.rule}: ${p.message}\n  ${p.source}${p.at}`);
  const errors = found.filter((p) => p.severity === 'error').length;
  print(`${sources.length} document(s): ${errors} error(s), ${found.length - errors} warning(s)`);
}
process.exitCode = found.some((p) => p.severity === 'error') ? 1 : 0;
