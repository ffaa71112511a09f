#!/usr/bin/env node
/*
 * Standalone vendor sandbox: Opsgenie, Blameless and DataDog fakes serving the demo org.
 *
 *   node scripts/sandbox.js --port 7099 [--host 127.0.0.1] [--seed 42]
 *                           [--teams N --services N --incidents N --slos N] [--no-control]
 *                           [--quota [defaults | <vendor>.<domain>=<rates> | <file.json>]]...
 *
 * --quota turns on quota mode: each vendor's rate limits as token buckets per domain, answered
 * with the vendor's own 429 (plugins/oncall-sandbox-backend/README.md lists the domains and
 * their defaults). Repeat it to change domains: --quota opsgenie.schedule-oncalls=5/s,300/min
 * --quota datadog.slo_history=off, or give a JSON file of the same:
 * { "opsgenie": { "configuration": "10/s,600/min" } }.
 *
 * The control routes answer loopback callers only; with ONCALL_SANDBOX_CONTROL_KEY set (at
 * least 16 characters) they answer any caller that sends it in X-Sandbox-Control-Key, and no
 * caller without it.
 *
 * Loads the TypeScript sources directly through the Backstage CLI's node transform.
 */
const path = require('node:path');
const { parseArgs } = require('node:util');

const usage = `Usage: node scripts/sandbox.js [--port P] [--host H] [--seed S]
       [--teams N] [--services N] [--incidents N] [--slos N] [--no-control]
       [--quota [defaults | <vendor>.<domain>=<rates> | <file.json>]]...`;

/** A bare --quota (last, or followed by another flag) means the default limits. */
function withQuotaDefaults(argv) {
  return argv.map((arg, i) =>
    arg === '--quota' && (i + 1 >= argv.length || argv[i + 1].startsWith('--'))
      ? '--quota=defaults'
      : arg,
  );
}

function integer(name, value, fallback) {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    console.error(
      `--${name} must be a non-negative integer, got '${value}'\n${usage}`,
    );
    process.exit(2);
  }
  return Number.parseInt(value, 10);
}

async function main() {
  let args;
  try {
    args = parseArgs({
      args: withQuotaDefaults(process.argv.slice(2)),
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        teams: { type: 'string' },
        services: { type: 'string' },
        incidents: { type: 'string' },
        slos: { type: 'string' },
        'no-control': { type: 'boolean' },
        quota: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    console.error(`${e.message}\n${usage}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(usage);
    return;
  }
  const controlKey = process.env.ONCALL_SANDBOX_CONTROL_KEY || undefined;
  if (controlKey !== undefined && controlKey.length < 16) {
    console.error(
      'ONCALL_SANDBOX_CONTROL_KEY must be at least 16 characters long',
    );
    process.exit(2);
  }
  require('@backstage/cli/config/nodeTransform.cjs');
  const {
    startSandboxServer,
    SANDBOX_DEFAULT_KEYS,
    quotaFromFlags,
    formatRates,
  } = require(path.resolve(
    __dirname,
    '../plugins/oncall-sandbox-backend/src/index.ts',
  ));
  let quota;
  if (args.quota) {
    try {
      quota = quotaFromFlags(args.quota);
    } catch (e) {
      console.error(`${e.message}\n${usage}`);
      process.exit(2);
    }
  }
  const started = Date.now();
  const sandbox = await startSandboxServer({
    port: integer('port', args.port, 7099),
    host: args.host ?? '127.0.0.1',
    seed: integer('seed', args.seed, 42),
    control: !args['no-control'],
    controlKey,
    quota,
    scale: {
      teams: integer('teams', args.teams, 0),
      services: integer('services', args.services, 0),
      incidents: integer('incidents', args.incidents, 0),
      slos: integer('slos', args.slos, 0),
    },
  });
  const org = sandbox.org;
  console.log(
    `Vendor sandbox listening on ${sandbox.url} (started in ${
      Date.now() - started
    } ms)`,
  );
  console.log(
    `  Opsgenie  ${sandbox.url}/opsgenie/v2/...    Authorization: GenieKey ${SANDBOX_DEFAULT_KEYS.opsgenie}`,
  );
  console.log(
    `  Blameless ${sandbox.url}/blameless/api/...  POST /api/v2/identity/token with Authorization: ${SANDBOX_DEFAULT_KEYS.blameless}`,
  );
  console.log(
    `  DataDog   ${sandbox.url}/datadog/api/...    DD-API-KEY: ${SANDBOX_DEFAULT_KEYS.datadogApi}, DD-APPLICATION-KEY: ${SANDBOX_DEFAULT_KEYS.datadogApp}`,
  );
  if (!args['no-control']) {
    console.log(
      `  Control   ${
        sandbox.url
      }/__sandbox/faults/:vendor (PUT), /__sandbox/faults (DELETE), /__sandbox/stats (GET, DELETE), /__sandbox/incidents (POST), /__sandbox/incidents/:id (PATCH)${
        controlKey
          ? ' with X-Sandbox-Control-Key: $ONCALL_SANDBOX_CONTROL_KEY'
          : ', from loopback addresses'
      }`,
    );
  }
  if (quota) {
    const domains = Object.entries(quota)
      .map(
        ([vendor, limits]) =>
          `${vendor} ${Object.entries(limits)
            .map(([domain, windows]) => `${domain} ${formatRates(windows)}`)
            .join(', ')}`,
      )
      .join('; ');
    console.log(`  Quota: ${domains}`);
  }
  console.log(
    `  Org: ${org.teams.length} teams, ${org.users.length} users, ${org.services.length} services, ${org.incidents.length} incidents, ${org.slos.length} SLOs`,
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
