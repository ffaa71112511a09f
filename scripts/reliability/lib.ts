/*
 * Helpers shared by the reliability suite: which route reads which vendor, what "has data"
 * means for each, freshness probes, polling and the demo entities the suite reads. Routes
 * found in the backend's source are in routes.ts, the incidents-against-Blameless comparison
 * in incidentTruth.ts, and starting a warm backend in warmBackend.ts.
 */
import { Exchange, Vendor, entityRoutes, request, sleep } from '../harness';

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

/**
 * Polls the entity view `view` of the backend at `baseUrl` until it answers 200 with fresh data
 * from `vendor`.
 */
export function pollUntilFresh(
  baseUrl: string,
  token: string,
  { view, vendor }: { view: View; vendor: Vendor },
  timeoutMs: number,
) {
  const url = viewUrls(baseUrl).find(u => u.view === view)!.url;
  return pollUntil(
    url,
    token,
    e => e.status === 200 && isFresh(e.json, vendor),
    timeoutMs,
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
