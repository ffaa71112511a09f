/*
 * The incidents the backend serves against the ones the sandbox's Blameless API holds: lost,
 * duplicated and unexpected incidents after crashes, replicas and backfills.
 */
import { SandboxClient, entityRoutes, request } from '../harness';
import { incidentsWindowQuery } from './lib';

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
