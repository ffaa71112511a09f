/*
 * Runs the vendor sandbox as its own process for the harness:
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/harness/sandbox-main.ts --port P [--seed N]
 * Prints "sandbox listening on <url>" once it accepts requests.
 */
import { startSandboxServer } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

async function main() {
  const server = await startSandboxServer({
    port: flag('port', 0),
    seed: flag('seed', 42),
    control: true,
  });
  process.stdout.write(`sandbox listening on ${server.url}\n`);
  const shutdown = () => {
    server.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch(error => {
  process.stderr.write(`sandbox failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
