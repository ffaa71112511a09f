/*
 * The on-call providers a bench backend reads (Opsgenie only, or the mixed org with JSM
 * Operations and PagerDuty), and the sandbox's view of them: per-vendor request totals,
 * latency on every vendor, teams per provider.
 */
import {
  SANDBOX_DEFAULT_KEYS,
  SANDBOX_VENDORS,
  SandboxVendor,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import {
  BackendProcess,
  SandboxClient,
  SandboxFault,
  SandboxStats,
} from '../harness';

/**
 * Which on-call providers a bench backend reads. `opsgenie`: Opsgenie only (the `oncall.jsm`,
 * `oncall.pagerduty` and `oncall.migration` sections of app-config.yaml removed). `mixed`: the
 * demo's migration as app-config.yaml has it (Opsgenie, JSM Operations and PagerDuty, all on
 * the bench's sandbox, `migration.prefer: [jsm, pagerduty, opsgenie]`): the demo's discovery
 * and storefront-us teams on JSM, growth on PagerDuty, and in scale mode every third generated
 * team on JSM and every fifth of the others on PagerDuty.
 */
export type ProviderMode = 'opsgenie' | 'mixed';

export const PROVIDER_MODES: readonly ProviderMode[] = ['opsgenie', 'mixed'];

/** The modes a bench runs (`BENCH_PROVIDERS=opsgenie,mixed`, the default: both). */
export function providerModes(): ProviderMode[] {
  const modes = (process.env.BENCH_PROVIDERS ?? PROVIDER_MODES.join(','))
    .split(',')
    .map(m => m.trim())
    .filter(m => m !== '');
  for (const mode of modes) {
    if (!(PROVIDER_MODES as readonly string[]).includes(mode)) {
      throw new Error(
        `BENCH_PROVIDERS: '${mode}' is not one of ${PROVIDER_MODES.join(', ')}`,
      );
    }
  }
  return modes as ProviderMode[];
}

/** Config (merged last) that makes a backend read the providers of `mode` from `sandboxUrl`. */
export function providerConfig(
  mode: ProviderMode,
  sandboxUrl: string,
): Record<string, unknown> {
  if (mode === 'opsgenie') {
    // a null in a later config file removes the key of app-config.yaml
    return { oncall: { jsm: null, pagerduty: null, migration: null } };
  }
  const keys = SANDBOX_DEFAULT_KEYS;
  return {
    oncall: {
      jsm: {
        baseUrl: `${sandboxUrl}/atlassian`,
        jiraBaseUrl: `${sandboxUrl}/jira`,
        cloudId: keys.jsm.cloudId,
        email: keys.jsm.email,
        apiToken: keys.jsm.apiToken,
        orgId: keys.jsm.orgId,
      },
      pagerduty: {
        baseUrl: `${sandboxUrl}/pagerduty`,
        eventsBaseUrl: `${sandboxUrl}/pagerduty-events`,
        apiToken: keys.pagerduty,
      },
      migration: { prefer: ['jsm', 'pagerduty', 'opsgenie'] },
    },
  };
}

/** The vendors of a sandbox stats answer, JSM and PagerDuty included (the harness types three). */
export type AllVendorStats = Record<
  SandboxVendor,
  { total: number; routes: Record<string, number> }
>;

/** Request totals per vendor between two stats answers. */
export function vendorTotals(
  before: SandboxStats | undefined,
  after: SandboxStats,
): Record<keyof AllVendorStats, number> {
  const total = (s: SandboxStats | undefined, v: keyof AllVendorStats) =>
    (s?.vendors as Partial<AllVendorStats> | undefined)?.[v]?.total ?? 0;
  return Object.fromEntries(
    SANDBOX_VENDORS.map(v => [v, total(after, v) - total(before, v)]),
  ) as Record<keyof AllVendorStats, number>;
}

/** Latency on every on-call vendor of the sandbox, JSM and PagerDuty included. */
export async function setLatencyAll(
  client: SandboxClient,
  latencyMs: number,
): Promise<void> {
  const faults: Record<string, SandboxFault> = {};
  for (const vendor of SANDBOX_VENDORS) {
    faults[vendor] = { latencyMs };
  }
  await client.setFaults(faults);
}

/**
 * Groups resolved per provider, as `GET /api/oncall/coverage` reports them
 * (`migration.byProvider`): e.g. `opsgenie 12, jsm 2, pagerduty 1`.
 */
export async function teamsByProvider(
  backend: BackendProcess,
): Promise<string> {
  const response = await fetch(`${backend.url}/api/oncall/coverage`, {
    headers: { authorization: `Bearer ${backend.serviceToken}` },
  });
  if (!response.ok) {
    return `coverage: HTTP ${response.status}`;
  }
  const body = (await response.json()) as {
    groups?: Array<{ entityRef: string; state: string }>;
    migration?: {
      byProvider?: Array<{ providerId: string; teams: number }>;
      missing?: number;
    };
  };
  const byProvider = body.migration?.byProvider ?? [];
  const missing = (body.groups ?? [])
    .filter(g => g.state === 'missing' || g.state === 'broken')
    .map(g => g.entityRef.replace(/^group:default\//, ''));
  return `${byProvider.map(p => `${p.providerId} ${p.teams}`).join(', ')}${
    missing.length > 0 ? `, unresolved ${missing.join(' ')}` : ''
  }`;
}

/** Teams the sandbox's JSM Operations fake has (`GET …/v1/teams`). */
export async function jsmTeamCount(sandboxUrl: string): Promise<number> {
  const keys = SANDBOX_DEFAULT_KEYS.jsm;
  const response = await fetch(
    `${sandboxUrl}/atlassian/jsm/ops/api/${keys.cloudId}/v1/teams`,
    {
      headers: {
        authorization: `Basic ${Buffer.from(
          `${keys.email}:${keys.apiToken}`,
        ).toString('base64')}`,
      },
    },
  );
  const body = (await response.json()) as { platformTeams?: unknown[] };
  return body.platformTeams?.length ?? NaN;
}

/** Teams the sandbox's PagerDuty fake has (`GET /pagerduty/teams?total=true`). */
export async function pagerDutyTeamCount(sandboxUrl: string): Promise<number> {
  const response = await fetch(
    `${sandboxUrl}/pagerduty/teams?total=true&limit=1`,
    {
      headers: {
        authorization: `Token token=${SANDBOX_DEFAULT_KEYS.pagerduty}`,
        accept: 'application/vnd.pagerduty+json;version=2',
      },
    },
  );
  const body = (await response.json()) as { total?: number };
  return body.total ?? NaN;
}
