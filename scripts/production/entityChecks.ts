/*
 * The three entity routes of a production backend, compared with what the standalone sandbox's
 * own vendor APIs answer at the same moment: nothing here is hard-coded demo data.
 */
import { z } from 'zod';
import { SandboxClient, entityRoutes, request, sleep } from '../harness';

/** The demo service the checks read: a rotation with a secondary, incidents and SLOs. */
export const DEMO_SERVICE = {
  kind: 'component',
  namespace: 'default',
  name: 'payments-api',
};
/** How far back the incidents are compared (the backend's default backfill is 365 days). */
const INCIDENT_WINDOW_DAYS = 300;

/** The parts of the backend's answers the checks read (the DTOs of oncall-common). */
const rotationSchema = z.object({
  schedule: z.object({ name: z.string() }),
  levels: z.array(
    z.object({
      role: z.string(),
      responders: z.array(
        z.object({ name: z.string(), email: z.string().optional() }),
      ),
    }),
  ),
});
type RotationBody = z.infer<typeof rotationSchema>;
const onCallSchema = z.object({
  rotations: z.array(rotationSchema).min(1),
  incidentCommander: rotationSchema,
});
const incidentPageSchema = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string() })),
});
const sloReportSchema = z.object({
  items: z.array(z.object({ name: z.string() })),
});

/** The parts of the vendors' answers (the sandbox speaks their wire formats). */
const opsgenieOnCallsSchema = z.object({
  data: z.object({ onCallRecipients: z.array(z.string()) }),
});
const blamelessIncidentsSchema = z.object({
  incidents: z.array(
    z.object({
      _id: z.number(),
      description: z.string(),
      created: z.object({ $date: z.number() }),
    }),
  ),
});
const datadogSlosSchema = z.object({
  data: z.array(z.object({ name: z.string() })),
});

/** Lower-cased, sorted, de-duplicated. */
function normalised(values: string[]): string[] {
  return [...new Set(values.map(v => v.toLocaleLowerCase('en-US')))].sort();
}

/** Who Opsgenie (the sandbox) says is on call for a schedule right now, by username (email). */
async function onCallNow(
  sandbox: SandboxClient,
  schedule: string,
): Promise<string[]> {
  const body = opsgenieOnCallsSchema.parse(
    await sandbox.vendorGet(
      'opsgenie',
      `/v2/schedules/${encodeURIComponent(
        schedule,
      )}/on-calls?scheduleIdentifierType=name&flat=true`,
    ),
  );
  return normalised(body.data.onCallRecipients);
}

/** Everyone a rotation pages before the whole team: its primary and secondary responders. */
function rotationOnCall(rotation: RotationBody): string[] {
  return normalised(
    rotation.levels
      .filter(level => level.role !== 'team')
      .flatMap(level => level.responders.map(r => r.email ?? r.name)),
  );
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A GET with the token that must answer 200 with a body of the schema. */
async function getJson<T>(
  url: string,
  token: string,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): Promise<T> {
  const exchange = await request(url, { token });
  const parsed = schema.safeParse(exchange.json);
  if (exchange.status !== 200 || !parsed.success) {
    throw new Error(
      `GET ${url}: HTTP ${exchange.status} ${exchange.text.slice(0, 500)}`,
    );
  }
  return parsed.data;
}

/**
 * The on-call route names, for every rotation and for the Incident Commander, exactly the
 * people the sandbox's Opsgenie has on call. The truth is read before and after the route, so
 * a handoff between the two reads cannot fail the check: the answer must equal one of them.
 */
export async function checkOnCall(
  baseUrl: string,
  token: string,
  sandbox: SandboxClient,
): Promise<string> {
  const url = entityRoutes(baseUrl, DEMO_SERVICE).onCall;
  const first = await getJson(url, token, onCallSchema);
  const schedules = [
    ...first.rotations.map(r => r.schedule.name),
    first.incidentCommander.schedule.name,
  ];
  const truth = async () =>
    Promise.all(schedules.map(s => onCallNow(sandbox, s)));
  const before = await truth();
  const answer = await getJson(url, token, onCallSchema);
  const after = await truth();
  const got = [
    ...answer.rotations.map(rotationOnCall),
    rotationOnCall(answer.incidentCommander),
  ];
  const matches = (expected: string[][]) =>
    expected.length === got.length &&
    expected.every((names, i) => sameList(names, got[i]));
  if (!matches(before) && !matches(after)) {
    throw new Error(
      `on-call: the backend says ${JSON.stringify(got)} for ${schedules.join(
        ', ',
      )}; Opsgenie says ${JSON.stringify(after)}`,
    );
  }
  if (got.some(names => names.length === 0)) {
    throw new Error(
      `on-call: a rotation without anyone on call: ${JSON.stringify(got)}`,
    );
  }
  return `${schedules.join(', ')}: ${got.map(n => n.join(' + ')).join('; ')}`;
}

/** The incidents route lists exactly the sandbox's Blameless incidents of the service, by id and title. */
export async function checkIncidents(
  baseUrl: string,
  token: string,
  sandbox: SandboxClient,
): Promise<string> {
  const from = Date.now() - INCIDENT_WINDOW_DAYS * 86_400_000;
  const body = blamelessIncidentsSchema.parse(
    await sandbox.vendorGet(
      'blameless',
      `/api/v1/incidents?services=${encodeURIComponent(
        DEMO_SERVICE.name,
      )}&limit=1000`,
    ),
  );
  const expected = body.incidents
    .filter(i => i.created.$date >= from)
    .map(i => `${i._id} ${i.description}`)
    .sort();
  const url = `${
    entityRoutes(baseUrl, DEMO_SERVICE).incidents
  }?limit=500&from=${encodeURIComponent(new Date(from).toISOString())}`;
  const answer = await getJson(url, token, incidentPageSchema);
  const got = answer.items.map(i => `${i.id} ${i.title}`).sort();
  if (expected.length === 0 || !sameList(expected, got)) {
    throw new Error(
      `incidents: the backend lists ${JSON.stringify(
        got,
      )}; Blameless lists ${JSON.stringify(expected)}`,
    );
  }
  return `${got.length} incidents`;
}

/** The SLOs route shows exactly the sandbox's DataDog SLOs of the service, by name. */
export async function checkSlos(
  baseUrl: string,
  token: string,
  sandbox: SandboxClient,
): Promise<string> {
  const body = datadogSlosSchema.parse(
    await sandbox.vendorGet(
      'datadog',
      `/api/v1/slo?tags_query=${encodeURIComponent(
        `service:${DEMO_SERVICE.name}`,
      )}&limit=1000`,
    ),
  );
  const expected = body.data.map(s => s.name).sort();
  const answer = await getJson(
    entityRoutes(baseUrl, DEMO_SERVICE).slos,
    token,
    sloReportSchema,
  );
  const got = answer.items.map(s => s.name).sort();
  if (expected.length === 0 || !sameList(expected, got)) {
    throw new Error(
      `SLOs: the backend shows ${JSON.stringify(
        got,
      )}; DataDog has ${JSON.stringify(expected)}`,
    );
  }
  return got.join(', ');
}

/**
 * Retries a check until it passes (the first sync runs a few seconds after start) or the
 * time is up; then throws the last failure.
 */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs: number,
): Promise<{ value: T; waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    try {
      return { value: await check(), waitedMs: Date.now() - started };
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
    }
    await sleep(1000);
  }
}

/** Waits until the catalog serves the demo service to the token (it loads files after start). */
export async function waitForDemoCatalog(
  baseUrl: string,
  token: string,
  timeoutMs: number,
): Promise<number> {
  const { namespace, name } = DEMO_SERVICE;
  const url = `${baseUrl}/api/catalog/entities/by-name/component/${namespace}/${name}`;
  const { waitedMs } = await eventually(async () => {
    const exchange = await request(url, { token });
    if (exchange.status !== 200) {
      throw new Error(
        `catalog: ${name} not served within ${timeoutMs} ms (HTTP ${exchange.status})`,
      );
    }
  }, timeoutMs);
  return waitedMs;
}
