#!/usr/bin/env node
/*
 * `npm run package:zendesk [-- --hub-url https://hub.example.com] [--out file.zip]`
 * (or HUB_PUBLIC_URL and ZENDESK_APP_ZIP in the environment)
 *
 * Builds the zip Zendesk's "Upload private app" accepts (docs/doors/zendesk.md) from apps/zendesk
 * and the shared card (apps/card). The hub's domain goes into the manifest's domainWhitelist:
 * Zendesk's proxy fills in the secure API-key setting only for requests to listed domains.
 */
'use strict';

const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const { zipSync } = require('fflate');
const { ZendeskManifestSchema } = require('./zendesk-manifest');

const ROOT = resolve(__dirname, '..');
const APP = join(ROOT, 'apps', 'zendesk');
const CARD = join(ROOT, 'apps', 'card');

/** What goes into the zip: its path there → where it comes from. */
const FILES = {
  'translations/en.json': join(APP, 'translations', 'en.json'),
  'assets/iframe.html': join(APP, 'assets', 'iframe.html'),
  'assets/main.js': join(APP, 'assets', 'main.js'),
  'assets/logo.png': join(APP, 'assets', 'logo.png'),
  'assets/logo-small.png': join(APP, 'assets', 'logo-small.png'),
  'assets/context-card.js': join(CARD, 'context-card.js'),
  'assets/context-card.css': join(CARD, 'context-card.css'),
};

function fail(message) {
  console.error(`package:zendesk: ${message}`);
  process.exit(1);
}

function options(argv) {
  const opts = {
    hubUrl: process.env.HUB_PUBLIC_URL,
    out: resolve(process.env.ZENDESK_APP_ZIP || join(ROOT, 'dist', 'apps', 'context-hub-zendesk.zip')),
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--hub-url') opts.hubUrl = value();
    else if (flag === '--out') opts.out = resolve(value());
    else if (flag === '--help' || flag === '-h') {
      console.warn('usage: npm run package:zendesk -- --hub-url https://hub.example.com [--out file.zip]');
      process.exit(0);
    } else fail(`unknown option ${argv[i]} (try --help)`);
  }
  return opts;
}

function hubOf(raw) {
  if (!raw) {
    fail(
      "give the hub's public address: --hub-url https://hub.example.com (or HUB_PUBLIC_URL). " +
        "Zendesk's servers call it, and the zip is bound to its domain.",
    );
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    fail(`--hub-url "${raw}" is not a URL (e.g. https://hub.example.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    fail(`--hub-url must be http(s), not ${url.protocol}`);
  if (['localhost', '127.0.0.1', '::1', '[::1]'].includes(url.hostname)) {
    console.warn(
      `package:zendesk: Zendesk's servers cannot reach ${url.hostname}; this zip is for tests, not for upload`,
    );
  } else if (url.protocol === 'http:') {
    console.warn(
      `package:zendesk: ${url.origin} is plain http; Zendesk's proxy would send the API key unencrypted`,
    );
  }
  return url;
}

/** The manifest for this hub, checked against what the app's files need. */
function manifestFor(hub) {
  const manifest = JSON.parse(readFileSync(join(APP, 'manifest.json'), 'utf8'));
  manifest.domainWhitelist = [hub.hostname];
  const hubUrl = manifest.parameters.find((p) => p.name === 'hubUrl');
  if (!hubUrl) fail('manifest.json has no hubUrl parameter');
  hubUrl.default = hub.origin + hub.pathname.replace(/\/+$/, '');
  const key = manifest.parameters.find((p) => p.name === 'hubApiKey');
  if (!key || key.secure !== true) fail('manifest.json must keep hubApiKey a secure setting');
  const page = manifest.location.support.ticket_sidebar.url;
  if (!FILES[page]) fail(`the sidebar page ${page} is not packed`);
  const labels = JSON.parse(readFileSync(FILES['translations/en.json'], 'utf8')).app.parameters;
  for (const p of manifest.parameters)
    if (!labels[p.name]) fail(`translations/en.json has no label for ${p.name}`);
  const checked = ZendeskManifestSchema.safeParse(manifest);
  if (!checked.success) {
    fail(`manifest.json: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return manifest;
}

function main() {
  const opts = options(process.argv.slice(2));
  const hub = hubOf(opts.hubUrl);
  const entries = { 'manifest.json': Buffer.from(JSON.stringify(manifestFor(hub), null, 2) + '\n') };
  for (const [inZip, from] of Object.entries(FILES)) {
    if (!existsSync(from)) fail(`missing ${relative(ROOT, from)}`);
    entries[inZip] = readFileSync(from);
  }
  const zip = zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, zip);
  console.warn(
    `package:zendesk: ${opts.out} (${zip.length} bytes) for ${hub.origin}\n` +
      Object.keys(entries)
        .map((name) => `  ${name}`)
        .join('\n') +
      '\nUpload it in Zendesk Admin Center → Apps and integrations → Zendesk Support apps → Upload private app.',
  );
}

main();
