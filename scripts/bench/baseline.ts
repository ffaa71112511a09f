/*
 * The baseline: what a proxy-based on-call plugin does per page view, straight against the
 * vendor APIs (the sandbox) with the vendor keys a proxy would inject. Nothing is cached.
 *   on-call:   list the schedules, keep the team's, then who is on call per schedule (and the
 *              Incident Commander schedule), in parallel;
 *   incidents: list the service's incidents;
 *   SLOs:      list the service's SLOs by tag, then the history of each SLO, in parallel.
 */
import { SANDBOX_KEYS, percentile } from '../harness';

export type View = 'onCall' | 'incidents' | 'slos';
export const VIEWS: View[] = ['onCall', 'incidents', 'slos'];

/** What the baseline needs to know about a service (what its annotations would say). */
export interface BaselineService {
  name: string;
  /** Opsgenie team of the owner. */
  team?: string;
  /** Blameless service name. */
  blamelessService: string;
}

const IC_SCHEDULE = 'sre_ic_schedule';

export class BaselineClient {
  #blamelessToken?: string;

  constructor(readonly sandboxUrl: string) {}

  async #get(path: string, headers: Record<string, string>): Promise<any> {
    const response = await fetch(`${this.sandboxUrl}${path}`, { headers });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `baseline GET ${path}: HTTP ${response.status} ${text.slice(0, 200)}`,
      );
    }
    return JSON.parse(text);
  }

  #opsgenie(path: string) {
    return this.#get(`/opsgenie${path}`, {
      authorization: `GenieKey ${SANDBOX_KEYS.opsgenie}`,
    });
  }

  #datadog(path: string) {
    return this.#get(`/datadog${path}`, {
      'dd-api-key': SANDBOX_KEYS.datadogApi,
      'dd-application-key': SANDBOX_KEYS.datadogApp,
    });
  }

  /** The proxy holds one Blameless token (exchanged once, not per page view). */
  async prepare(): Promise<void> {
    const response = await fetch(
      `${this.sandboxUrl}/blameless/api/v2/identity/token`,
      {
        method: 'POST',
        headers: { authorization: SANDBOX_KEYS.blameless },
      },
    );
    if (!response.ok)
      throw new Error(`blameless token: HTTP ${response.status}`);
    this.#blamelessToken = (
      (await response.json()) as { access_token: string }
    ).access_token;
  }

  async onCall(service: BaselineService): Promise<number> {
    const schedules = (await this.#opsgenie('/v2/schedules')).data as Array<{
      id: string;
      name: string;
      ownerTeam?: { name: string };
    }>;
    const mine = schedules.filter(
      s => service.team && s.ownerTeam?.name === service.team,
    );
    const wanted = [...mine.map(s => s.id), IC_SCHEDULE];
    await Promise.all(
      wanted.map(id =>
        this.#opsgenie(
          `/v2/schedules/${encodeURIComponent(id)}/on-calls?flat=true${
            id === IC_SCHEDULE ? '&scheduleIdentifierType=name' : ''
          }`,
        ),
      ),
    );
    return 1 + wanted.length;
  }

  async incidents(service: BaselineService): Promise<number> {
    await this.#get(
      `/blameless/api/v1/incidents?services=${encodeURIComponent(
        service.blamelessService,
      )}&limit=50`,
      { authorization: `Bearer ${this.#blamelessToken}` },
    );
    return 1;
  }

  async slos(service: BaselineService): Promise<number> {
    const slos = (
      await this.#datadog(
        `/api/v1/slo?tags_query=${encodeURIComponent(
          `service:${service.name}`,
        )}`,
      )
    ).data as Array<{ id: string }>;
    const to = Math.floor(Date.now() / 1000);
    const from = to - 30 * 86_400;
    await Promise.all(
      slos.map(s =>
        this.#datadog(
          `/api/v1/slo/${s.id}/history?from_ts=${from}&to_ts=${to}`,
        ),
      ),
    );
    return 1 + slos.length;
  }

  view(view: View, service: BaselineService): Promise<number> {
    if (view === 'onCall') return this.onCall(service);
    if (view === 'incidents') return this.incidents(service);
    return this.slos(service);
  }
}

/** Latency figures of a set of samples. */
export function summarize(latencies: number[], durationMs: number) {
  return {
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: latencies.length / (durationMs / 1000),
  };
}

/**
 * Closed-loop load: `concurrency` workers each run page views back to back for
 * `durationMs`, round-robin over `items`. Returns latencies overall and per view.
 */
export async function baselineLoad(
  client: BaselineClient,
  items: Array<{ view: View; service: BaselineService }>,
  concurrency: number,
  durationMs: number,
) {
  const all: number[] = [];
  const byView: Record<View, number[]> = {
    onCall: [],
    incidents: [],
    slos: [],
  };
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const item = items[next++ % items.length];
      const t0 = performance.now();
      try {
        await client.view(item.view, item.service);
        const ms = performance.now() - t0;
        all.push(ms);
        byView[item.view].push(ms);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - started;
  return {
    all: summarize(all, elapsed),
    byView: Object.fromEntries(
      VIEWS.map(v => [v, summarize(byView[v], elapsed)]),
    ) as Record<View, ReturnType<typeof summarize>>,
    errors,
    durationMs: elapsed,
  };
}
