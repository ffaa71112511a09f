#!/usr/bin/env node
/* eslint-disable no-console */
// Applies the install guide to a Backstage app exactly as the READMEs write it: every fenced
// block that follows an `<!-- install-test: <kind> [argument] -->` marker is one step.
//
//   run                  shell commands, run in the app's root; the only change is that each
//                        @oncall-for-backstage package comes from its packed tarball
//   backend-add          code added to packages/backend/src/index.ts before backend.start()
//   backend-remove       a statement removed from packages/backend/src/index.ts (whitespace aside)
//   yaml <file>          YAML merged into <file> in the app's root (created when absent)
//
// Usage: node apply-readme.js <app dir> <tarball dir> <README>...
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [appDir, tarballDir, ...readmes] = process.argv.slice(2);
if (!appDir || !tarballDir || readmes.length === 0) {
  console.error('usage: apply-readme.js <app dir> <tarball dir> <README>...');
  process.exit(2);
}

const SCOPE = '@oncall-for-backstage/';

/** The marked steps of one README, in order. */
function extractSteps(readme) {
  const text = fs.readFileSync(readme, 'utf8');
  const marker =
    /<!--\s*install-test:\s*([a-z-]+)(?:\s+(\S+))?\s*-->\s*\n\s*```[a-z]*\n([\s\S]*?)\n```/g;
  const steps = [];
  for (const m of text.matchAll(marker)) {
    steps.push({ readme, kind: m[1], arg: m[2], body: m[3] });
  }
  const markers = (text.match(/<!--\s*install-test:/g) ?? []).length;
  if (markers !== steps.length) {
    throw new Error(
      `${readme}: ${markers} install-test markers but ${steps.length} are followed by a fenced block`,
    );
  }
  return steps;
}

/** `npm pack`-style file name of a scoped package: @scope/name → scope-name-<version>.tgz */
function tarballOf(name) {
  const prefix = `${name.slice(1).replace('/', '-')}-`;
  const match = fs
    .readdirSync(tarballDir)
    .filter(f => f.startsWith(prefix) && /^\d/.test(f.slice(prefix.length)));
  if (match.length !== 1) {
    throw new Error(`no single tarball for ${name} in ${tarballDir}: ${match}`);
  }
  return path.join(tarballDir, match[0]);
}

function run(step) {
  for (const line of step.body.split('\n')) {
    const command = line.trim();
    if (!command || command.startsWith('#')) continue;
    const fromTarballs = command.replace(
      /@oncall-for-backstage\/[a-z0-9-]+(?![a-z0-9@/-])/g,
      name => `${name}@file:${tarballOf(name)}`,
    );
    console.log(`$ ${command}`);
    execFileSync('bash', ['-euo', 'pipefail', '-c', fromTarballs], {
      cwd: appDir,
      stdio: 'inherit',
    });
  }
}

const backendIndex = path.join(appDir, 'packages/backend/src/index.ts');

function backendAdd(step) {
  const source = fs.readFileSync(backendIndex, 'utf8');
  const anchor = 'backend.start();';
  if (!source.includes(anchor)) {
    throw new Error(`${backendIndex} has no ${anchor}`);
  }
  console.log(`+ packages/backend/src/index.ts:\n${step.body}`);
  fs.writeFileSync(
    backendIndex,
    source.replace(anchor, `${step.body}\n\n${anchor}`),
  );
}

function backendRemove(step) {
  const source = fs.readFileSync(backendIndex, 'utf8');
  const tokens = step.body
    .split('\n')
    .filter(l => !l.trim().startsWith('//'))
    .join(' ')
    .trim()
    .split(/\s+/)
    .map(t => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // whitespace between the tokens may differ, and a trailing comma before `)` too
  const pattern = new RegExp(
    `[ \\t]*${tokens.join('\\s*').replace(/\\\)/g, ',?\\s*\\)')}[ \\t]*\\n?`,
  );
  if (!pattern.test(source)) {
    throw new Error(`${backendIndex} does not contain:\n${step.body}`);
  }
  console.log(`- packages/backend/src/index.ts:\n${step.body}`);
  fs.writeFileSync(backendIndex, source.replace(pattern, ''));
}

function mergeYaml(step) {
  const yaml = require(require.resolve('yaml', { paths: [appDir] }));
  const file = path.join(appDir, step.arg);
  const current = fs.existsSync(file)
    ? yaml.parse(fs.readFileSync(file, 'utf8')) ?? {}
    : {};
  const merge = (a, b) => {
    if (
      a &&
      b &&
      typeof a === 'object' &&
      typeof b === 'object' &&
      !Array.isArray(a) &&
      !Array.isArray(b)
    ) {
      const out = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
      return out;
    }
    return b;
  };
  console.log(`+ ${step.arg}:\n${step.body}`);
  fs.writeFileSync(file, yaml.stringify(merge(current, yaml.parse(step.body))));
}

const appliers = {
  run,
  'backend-add': backendAdd,
  'backend-remove': backendRemove,
  yaml: mergeYaml,
};

const steps = readmes.flatMap(extractSteps);
for (const step of steps) {
  const apply = appliers[step.kind];
  if (!apply) {
    throw new Error(`${step.readme}: unknown install-test step '${step.kind}'`);
  }
  console.log(`::: ${path.relative(process.cwd(), step.readme)}: ${step.kind}`);
  apply(step);
}
const added = steps.filter(s => s.kind === 'run').length;
if (added === 0 || !steps.some(s => s.body.includes(SCOPE))) {
  throw new Error('the READMEs have no marked install steps');
}
console.log(`applied ${steps.length} steps from ${readmes.length} READMEs`);
