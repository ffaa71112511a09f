/*
 * Helpers shared by the reliability suite: which route reads which vendor, what "has data"
 * means for each, freshness probes and the demo entities the suite reads.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  BackendOptions,
  BackendProcess,
  Exchange,
  SandboxClient,
  SandboxProcess,
  Vendor,
  createRun,
  entityRoutes,
  guestToken,
  repoRoot,
  request,
  sleep,
  startBackend,
  startSandbox,
  waitForCatalog,
} from '../harness';

/** How often @backstage/backend-defaults' scheduler janitor frees runs whose timeout passed. */
export const SCHEDULER_JANITOR_SECONDS = 60;

/** The three entity views and the vendor behind each. */
export const VIEWS = [
  { view: 'onCall', vendor: 'opsgenie' },
  { view: 'incidents', vendor: 'blameless' },
  { view: 'slos', vendor: 'datadog' },
] as const satisfies ReadonlyArray<{ view: string; vendor: Vendor }>;
export type View = (typeof VIEWS)[number]['view'];

export const vendorOfView = (view: View): Vendor =>
  VIEWS.find(v => v.view === view)!.vendor;

/** Demo components with rotations, incidents and SLOs in the sandbox. */
export const DEMO_ENTITIES = [
  { kind: 'component', namespace: 'default', name: 'checkout-api' },
  { kind: 'component', namespace: 'default', name: 'payments-api' },
  { kind: 'component', namespace: 'default', name: 'search-api' },
];

/** Query that widens the incidents view to the whole backfill window. */
export function incidentsWindowQuery(days = 365): string {
  const from = new Date(Date.now() - days * 86_400_000).toISOString();
  return `from=${encodeURIComponent(from)}`;
}

/** Every view URL of the demo entities, tagged with its view. */
export function viewUrls(baseUrl: string, entities = DEMO_ENTITIES) {
  return entities.flatMap(entity => {
    const routes = entityRoutes(baseUrl, entity);
    return VIEWS.map(({ view }) => ({ view, entity, url: routes[view] }));
  });
}

/** The view a URL belongs to. */
export function viewOfUrl(url: string): View {
  if (url.includes('/on-call')) return 'onCall';
  if (url.includes('/incidents')) return 'incidents';
  return 'slos';
}

/** True when a view's body carries the stored data a user needs (not a blank). */
export function hasData(view: View, body: any): boolean {
  if (!body || typeof body !== 'object') return false;
  if (view === 'onCall')
    return Array.isArray(body.rotations) && body.rotations.length > 0;
  return Array.isArray(body.items) && body.items.length > 0;
}

/** The freshness entry of one vendor in a response. */
export function sourceStatus(
  body: any,
  vendor: Vendor,
):
  | {
      source: string;
      stale: boolean;
      asOf?: string;
      lastError?: { message: string; at: string };
    }
  | undefined {
  return body?.freshness?.sources?.find(
    (s: { source: string }) => s.source === vendor,
  );
}

/** Stale flag with the age and the failing source, as a user needs to see it during an outage. */
export function showsVendorFailure(body: any, vendor: Vendor): boolean {
  const status = sourceStatus(body, vendor);
  return Boolean(
    body?.freshness?.stale === true &&
      status?.stale === true &&
      status.lastError?.message &&
      (status.asOf || body.freshness.asOf),
  );
}

/** True when the view's own vendor is fresh (synced recently, no newer error). */
export function isFresh(body: any, vendor: Vendor): boolean {
  const status = sourceStatus(body, vendor);
  return Boolean(status && status.stale === false && status.asOf);
}

/** Age in seconds of a vendor's data in a response. */
export function ageSeconds(body: any, vendor: Vendor): number | undefined {
  const asOf = sourceStatus(body, vendor)?.asOf ?? body?.freshness?.asOf;
  return asOf ? Math.round((Date.now() - Date.parse(asOf)) / 1000) : undefined;
}

/** Polls until `check` holds for one GET, or throws with the last answer after `timeoutMs`. */
export async function pollUntil(
  url: string,
  token: string,
  check: (exchange: Exchange) => boolean,
  timeoutMs: number,
  intervalMs = 500,
): Promise<{ exchange: Exchange; waitedMs: number; requests: Exchange[] }> {
  const started = Date.now();
  const requests: Exchange[] = [];
  let last: Exchange | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await request(url, { token });
    requests.push(last);
    if (check(last))
      return { exchange: last, waitedMs: Date.now() - started, requests };
    await sleep(intervalMs);
  }
  throw new Error(
    `condition not met for ${url} within ${timeoutMs} ms; last answer HTTP ${
      last?.status
    }: ${last?.text.slice(0, 600)}`,
  );
}

/** Waits until every view of the demo entities answers 200 with data and fresh vendors. */
export async function waitUntilWarm(
  baseUrl: string,
  token: string,
  timeoutMs = 90_000,
) {
  const started = Date.now();
  for (const { view, url } of viewUrls(baseUrl)) {
    const left = Math.max(1000, timeoutMs - (Date.now() - started));
    await pollUntil(
      url,
      token,
      e =>
        e.status === 200 &&
        hasData(view, e.json) &&
        isFresh(e.json, vendorOfView(view)),
      left,
    );
  }
  return Date.now() - started;
}

/** One route of the on-call backend, found in its source. */
export interface DiscoveredRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  file: string;
}

/**
 * Every `router.<method>('<path>', …)` in plugins/oncall-backend/src (tests excluded), so a
 * route added later is covered by the auth and fuzz tests without editing them.
 */
export function discoverRoutes(): DiscoveredRoute[] {
  const root = join(repoRoot, 'plugins', 'oncall-backend', 'src');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        files.push(path);
    }
  };
  walk(root);
  const routes: DiscoveredRoute[] = [];
  const seen = new Set<string>();
  const pattern =
    /router\s*\.\s*(get|post|put|patch|delete)\(\s*['"`](\/[^'"`]*)['"`]/g;
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(pattern)) {
      const key = `${match[1].toUpperCase()} ${match[2]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({
        method: match[1].toUpperCase() as DiscoveredRoute['method'],
        path: match[2],
        file: file.slice(repoRoot.length + 1),
      });
    }
  }
  return routes;
}

/** A concrete URL path for a route pattern, for the given entity. */
export function concretePath(
  pattern: string,
  entity: { kind: string; namespace: string; name: string } = DEMO_ENTITIES[0],
): string {
  return pattern
    .replace(':kind', encodeURIComponent(entity.kind))
    .replace(':namespace', encodeURIComponent(entity.namespace))
    .replace(':name', encodeURIComponent(entity.name));
}

/** All incident ids one entity's incidents route serves in the window, following nextCursor. */
export async function allIncidentIds(
  baseUrl: string,
  token: string,
  entity: { kind: string; namespace: string; name: string },
  windowDays: number,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  const base = `${
    entityRoutes(baseUrl, entity).incidents
  }?${incidentsWindowQuery(windowDays)}&limit=500`;
  for (let page = 0; page < 100; page++) {
    const e = await request(
      cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base,
      { token },
    );
    if (e.status !== 200) {
      throw new Error(`${base}: HTTP ${e.status} ${e.text.slice(0, 300)}`);
    }
    for (const item of e.json.items) ids.push(String(item.id));
    cursor = e.json.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

/** Every incident the sandbox's Blameless API serves, with its services and start. */
export async function blamelessTruth(sandbox: SandboxClient) {
  const incidents: Array<{ id: string; services: string[]; created: number }> =
    [];
  for (let offset = 0; offset < 100_000; offset += 100) {
    const body: any = await sandbox.vendorGet(
      'blameless',
      `/api/v1/incidents?limit=100&offset=${offset}`,
    );
    for (const i of body.incidents) {
      incidents.push({
        id: String(i._id),
        services: i.services ?? [],
        created: i.start_of_customer_impact?.$date ?? i.created?.$date,
      });
    }
    if (body.incidents.length < 100) break;
  }
  return incidents;
}

/**
 * The store, read through the incidents route of every catalog Component and API, against the
 * Blameless truth (matched by `blameless.com/service` or the entity name, within the backfill
 * window; incidents within two days of the window's edge are left out, as the two reads are not
 * at the same instant). Counts lost, duplicated and unexpected incidents.
 */
export async function compareIncidentsWithTruth(options: {
  baseUrl: string;
  token: string;
  serviceToken: string;
  sandbox: SandboxClient;
  backfillDays: number;
}) {
  const truth = await blamelessTruth(options.sandbox);
  const catalog = await request(
    `${options.baseUrl}/api/catalog/entities?filter=kind=component&filter=kind=api&fields=kind,metadata.name,metadata.namespace,metadata.annotations`,
    { token: options.serviceToken },
  );
  if (catalog.status !== 200)
    throw new Error(`catalog: HTTP ${catalog.status}`);
  const boundary = Date.now() - options.backfillDays * 86_400_000;
  const skipIds = new Set(
    truth
      .filter(i => Math.abs(i.created - boundary) < 2 * 86_400_000)
      .map(i => i.id),
  );
  let compared = 0;
  let lost = 0;
  let duplicated = 0;
  let extra = 0;
  const problems: string[] = [];
  for (const entity of catalog.json) {
    const service =
      entity.metadata.annotations?.['blameless.com/service'] ??
      entity.metadata.name;
    const expected = new Set(
      truth
        .filter(
          i =>
            i.services.includes(service) &&
            i.created >= boundary &&
            !skipIds.has(i.id),
        )
        .map(i => i.id),
    );
    const ref = {
      kind: String(entity.kind).toLowerCase(),
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    };
    const served = (
      await allIncidentIds(
        options.baseUrl,
        options.token,
        ref,
        options.backfillDays,
      )
    ).filter(id => !skipIds.has(id));
    const seen = new Set<string>();
    for (const id of served) {
      if (seen.has(id)) {
        duplicated++;
        problems.push(`${entity.metadata.name}: incident ${id} served twice`);
      }
      seen.add(id);
    }
    for (const id of expected) {
      if (!seen.has(id)) {
        lost++;
        problems.push(`${entity.metadata.name}: incident ${id} missing`);
      }
    }
    for (const id of seen) {
      if (!expected.has(id)) {
        extra++;
        problems.push(
          `${entity.metadata.name}: incident ${id} not in Blameless for ${service}`,
        );
      }
    }
    compared += expected.size;
  }
  return {
    truth: truth.length,
    entities: catalog.json.length,
    compared,
    lost,
    duplicated,
    extra,
    problems,
  };
}

/** A sandbox, one backend reading it with its cache warm, and the guest's token for it. */
export interface WarmBackend {
  sandbox: SandboxProcess;
  backend: BackendProcess;
  token: string;
}

/**
 * Starts the sandbox of a new run named `runName` and a backend named `backend` on it with
 * `config`, waits for the catalog's demo components and a warm cache, and signs the guest
 * in. If a step fails, what had started is stopped before the error is thrown.
 */
export async function startWarmBackend(
  runName: string,
  config: BackendOptions['config'],
): Promise<WarmBackend> {
  const run = createRun(runName);
  const sandbox = await startSandbox(run);
  let backend: BackendProcess | undefined;
  try {
    backend = await startBackend(run, {
      name: 'backend',
      sandbox: { url: sandbox.url },
      config,
    });
    await waitForCatalog(backend, { min: 10 });
    const token = await guestToken(backend.url);
    await waitUntilWarm(backend.url, token);
    return { sandbox, backend, token };
  } catch (error) {
    await stopWarmBackend({ sandbox, backend });
    throw error;
  }
}

/** Clears the sandbox's faults (best effort), then stops the backend and the sandbox. */
export async function stopWarmBackend(
  started: Partial<Omit<WarmBackend, 'token'>>,
): Promise<void> {
  await started.sandbox?.client.clearFaults().catch(() => undefined);
  await started.backend?.stop();
  await started.sandbox?.stop();
}

/**
 * The backends holding an established connection to the sandbox right now (from `ss -tnp`):
 * the ones mid-sync. Undefined when `ss` is not available on this machine.
 */
export function talkingTo(
  sandbox: SandboxProcess,
  backends: BackendProcess[],
): BackendProcess[] | undefined {
  const port = new URL(sandbox.url).port;
  let out = '';
  try {
    out = execFileSync(
      'ss',
      ['-tnpH', 'state', 'established', `( dport = :${port} )`],
      { encoding: 'utf8' },
    );
  } catch {
    return undefined;
  }
  const pids = new Set([...out.matchAll(/pid=(\d+)/g)].map(m => Number(m[1])));
  return backends.filter(b => b.process.running && pids.has(b.process.pid));
}
