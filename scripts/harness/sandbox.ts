import { join } from 'node:path';
import { ManagedProcess, startProcess } from './proc';
import { nodeTransform, repoRoot } from './paths';
import { freePort } from './ports';
import { HarnessRun } from './run';

/** The vendors the sandbox fakes. */
export const VENDORS = ['opsgenie', 'blameless', 'datadog'] as const;
export type Vendor = (typeof VENDORS)[number];

/** Body of `PUT /__sandbox/faults/:vendor`. */
export interface SandboxFault {
  latencyMs?: number;
  errorRate?: number;
  mode?: 'ok' | 'error' | 'rate-limit' | 'hang' | 'malformed';
  status?: number;
}

/** Body of `GET /__sandbox/stats`. */
export interface SandboxStats {
  vendors: Record<Vendor, { total: number; routes: Record<string, number> }>;
  /** Quota mode: requests let through and answered 429 per vendor and rate-limit domain. */
  quota?:
    | { enabled: false }
    | {
        enabled: true;
        vendors: Record<
          Vendor,
          {
            throttled: number;
            domains: Record<
              string,
              {
                name: string;
                limits: string;
                allowed: number;
                throttled: number;
              }
            >;
          }
        >;
      };
}

/** The sandbox keys of app-config.yaml (`oncall-sandbox.*`), which the suite scans for. */
export const SANDBOX_KEYS = {
  opsgenie: 'sandbox-opsgenie-key',
  blameless: 'sandbox-blameless-key',
  datadogApi: 'sandbox-datadog-api-key',
  datadogApp: 'sandbox-datadog-app-key',
};

/**
 * Client of the sandbox: its control routes and, for truth, its vendor APIs. `baseUrl` is the
 * standalone root (`http://127.0.0.1:P`) or the mount in a backend (`.../api/oncall-sandbox`).
 */
export class SandboxClient {
  constructor(readonly baseUrl: string) {}

  vendorUrl(vendor: Vendor): string {
    return `${this.baseUrl}/${vendor}`;
  }

  async setFault(vendor: Vendor, fault: SandboxFault): Promise<void> {
    await this.control('PUT', `/__sandbox/faults/${vendor}`, fault);
  }

  async setFaults(
    faults: Partial<Record<Vendor, SandboxFault>>,
  ): Promise<void> {
    for (const [vendor, fault] of Object.entries(faults)) {
      if (fault) await this.setFault(vendor as Vendor, fault);
    }
  }

  async clearFaults(): Promise<void> {
    await this.control('DELETE', '/__sandbox/faults');
  }

  async stats(): Promise<SandboxStats> {
    return (await this.control('GET', '/__sandbox/stats')) as SandboxStats;
  }

  async resetStats(): Promise<void> {
    await this.control('DELETE', '/__sandbox/stats');
  }

  /** Opens a live demo incident; `services` are catalog entity names. Returns its id. */
  async openIncident(incident: {
    title: string;
    severity: 'SEV0' | 'SEV1' | 'SEV2' | 'SEV3';
    services: string[];
  }): Promise<number> {
    const body = await this.control('POST', '/__sandbox/incidents', incident);
    if (
      typeof body !== 'object' ||
      body === null ||
      !('id' in body) ||
      typeof body.id !== 'number'
    ) {
      throw new Error('sandbox POST /__sandbox/incidents: no id in the answer');
    }
    return body.id;
  }

  /** Changes a live demo incident; `status: 'resolved'` closes it. */
  async updateIncident(
    id: number,
    change: {
      status?: 'investigating' | 'identified' | 'monitoring' | 'resolved';
      severity?: 'SEV0' | 'SEV1' | 'SEV2' | 'SEV3';
      title?: string;
    },
  ): Promise<void> {
    await this.control('PATCH', `/__sandbox/incidents/${id}`, change);
  }

  /**
   * Makes `username` take a schedule's rotation(s) from `start` to `end` through Opsgenie's
   * Create Schedule Override API, as a person swapping a shift in Opsgenie does.
   */
  async createOpsgenieOverride(
    scheduleName: string,
    override: { username: string; start: Date; end: Date; rotation?: string },
  ): Promise<string> {
    const response = await fetch(
      `${this.vendorUrl('opsgenie')}/v2/schedules/${encodeURIComponent(
        scheduleName,
      )}/overrides?scheduleIdentifierType=name`,
      {
        method: 'POST',
        headers: {
          authorization: `GenieKey ${SANDBOX_KEYS.opsgenie}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          user: { type: 'user', username: override.username },
          startDate: override.start.toISOString(),
          endDate: override.end.toISOString(),
          rotations: override.rotation ? [{ name: override.rotation }] : [],
        }),
      },
    );
    const body = (await response.json()) as { data?: { alias?: string } };
    if (response.status !== 201 || !body.data?.alias) {
      throw new Error(
        `opsgenie override on ${scheduleName}: HTTP ${
          response.status
        } ${JSON.stringify(body)}`,
      );
    }
    return body.data.alias;
  }

  /** Calls a vendor API with that vendor's own credentials (the sandbox keys). */
  async vendorGet(vendor: Vendor, path: string): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (vendor === 'opsgenie')
      headers.authorization = `GenieKey ${SANDBOX_KEYS.opsgenie}`;
    if (vendor === 'datadog') {
      headers['dd-api-key'] = SANDBOX_KEYS.datadogApi;
      headers['dd-application-key'] = SANDBOX_KEYS.datadogApp;
    }
    if (vendor === 'blameless') {
      const token = await fetch(
        `${this.vendorUrl('blameless')}/api/v2/identity/token`,
        {
          method: 'POST',
          headers: { authorization: SANDBOX_KEYS.blameless },
        },
      );
      if (!token.ok) throw new Error(`blameless token: HTTP ${token.status}`);
      const body = (await token.json()) as { access_token: string };
      headers.authorization = `Bearer ${body.access_token}`;
    }
    const response = await fetch(`${this.vendorUrl(vendor)}${path}`, {
      headers,
    });
    if (!response.ok) {
      throw new Error(
        `${vendor} ${path}: HTTP ${response.status} ${await response.text()}`,
      );
    }
    return response.json();
  }

  private async control(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      throw new Error(
        `sandbox ${method} ${path}: HTTP ${
          response.status
        } ${await response.text()}`,
      );
    }
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }
}

/** Sum of requests per vendor between two stats snapshots. */
export function statsDelta(
  before: SandboxStats,
  after: SandboxStats,
): SandboxStats {
  const vendors = {} as SandboxStats['vendors'];
  for (const vendor of VENDORS) {
    const a = after.vendors[vendor] ?? { total: 0, routes: {} };
    const b = before.vendors[vendor] ?? { total: 0, routes: {} };
    const routes: Record<string, number> = {};
    for (const [route, count] of Object.entries(a.routes)) {
      const delta = count - (b.routes[route] ?? 0);
      if (delta) routes[route] = delta;
    }
    vendors[vendor] = { total: a.total - b.total, routes };
  }
  return { vendors };
}

/** A standalone sandbox process. */
export interface SandboxProcess {
  url: string;
  client: SandboxClient;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Starts the sandbox as its own process on a free port. */
export async function startSandbox(
  run: HarnessRun,
  options: { seed?: number; name?: string } = {},
): Promise<SandboxProcess> {
  const port = await freePort();
  const name = options.name ?? 'sandbox';
  const child = startProcess({
    name,
    command: process.execPath,
    args: [
      '--require',
      nodeTransform,
      join(__dirname, 'sandbox-main.ts'),
      '--port',
      String(port),
      '--seed',
      String(options.seed ?? 42),
    ],
    cwd: repoRoot,
    logFile: join(run.dir, `${name}.log`),
  });
  const line = await child.waitForLine(/sandbox listening on /, 60_000);
  const url = line
    .replace(/.*sandbox listening on /, '')
    .trim()
    .replace(/\/$/, '');
  return {
    url,
    client: new SandboxClient(url),
    process: child,
    stop: () => child.stop(),
  };
}
