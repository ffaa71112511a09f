import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { BlamelessIncidentProvider } from '../incidents/blameless/BlamelessIncidentProvider';
import { fastResiliencePolicy } from './fastResilience';
import { loadWireSample } from '@oncall-for-backstage/plugin-oncall-sandbox-backend/testing';
import { JsonObject } from '@backstage/types';

const incidentSample = loadWireSample(
  'blameless',
  'get-api-v1-incidents-id.json',
) as { incident: JsonObject };
const postmortemSample = loadWireSample(
  'blameless',
  'get-api-v1-incidents-id-postmortem.json',
) as JsonObject;

export const base = 'http://blameless.test';
/** Answers the provider's requests to `base` once {@link useBlamelessWire} has started it. */
export const server = setupServer();

/**
 * What a Blameless provider test works with: the msw server for `base` (started and stopped
 * around the tests of the calling file), `base`, the provider factory, the standard handlers
 * and `collect`.
 */
export function useBlamelessWire() {
  registerMswTestHooks(server);
  return { server, base, provider, standardHandlers, collect };
}

export function jwt(expSeconds: number, tag = 'a'): string {
  const part = (o: object) =>
    Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ exp: expSeconds, tag })}.sig`;
}

const config = {
  baseUrl: base,
  apiKey: 'raw-key-123',
  severityMap: {
    SEV0: 'sev0',
    SEV1: 'sev1',
    SEV2: 'sev2',
    SEV3: 'sev3',
    P1: 'sev1',
  } as const,
  backfillDays: 365,
  retentionDays: 730,
};

export function provider(now = () => Date.now(), retrospectiveDays?: number) {
  return BlamelessIncidentProvider.create({
    config: {
      ...config,
      severityMap: { ...config.severityMap },
      retrospectiveDays,
    },
    logger: mockServices.logger.mock(),
    policy: fastResiliencePolicy('blameless', {
      timeoutMs: 300,
      maxAttempts: 3,
      breakerThreshold: 5,
    }),
    now,
  });
}

export function standardHandlers(
  options: {
    tokens?: string[];
    incidents?: Array<Record<string, any>>;
    ignoreSince?: boolean;
    calls?: string[];
    /** Ids whose postmortem is asked for, in order. */
    postmortems?: string[];
    beforeAnswer?: (incidents: Array<Record<string, any>>) => void;
  } = {},
) {
  const tokenCalls: string[] = [];
  const authSeen: string[] = [];
  let i = 0;
  const tokens = options.tokens ?? [jwt(Math.floor(Date.now() / 1000) + 3600)];
  server.use(
    http.post(`${base}/api/v2/identity/token`, ({ request }) => {
      tokenCalls.push(request.headers.get('authorization') ?? '');
      const token = tokens[Math.min(i, tokens.length - 1)];
      i += 1;
      return HttpResponse.json({
        access_token: token,
        token_type: 'Bearer',
        expires_in: 3600,
      });
    }),
    http.get(`${base}/api/v2/settings/incidents/severities`, () =>
      HttpResponse.json({
        severities: [
          { level: 0, label: 'SEV0' },
          { level: 1, label: 'P1' },
          { level: 2, label: 'SEV2' },
          { level: 3, label: 'SEV3' },
        ],
      }),
    ),
    http.get(`${base}/api/v1/incidents/:id/postmortem`, ({ params }) => {
      options.postmortems?.push(String(params.id));
      return params.id === '344'
        ? HttpResponse.json(postmortemSample)
        : HttpResponse.json(
            { error: 'not_found', message: 'No postmortem' },
            { status: 404 },
          );
    }),
    listHandler(options.incidents ?? [incidentSample.incident], {
      ignoreSince: options.ignoreSince,
      calls: options.calls,
      beforeAnswer: options.beforeAnswer,
      onRequest: request =>
        authSeen.push(request.headers.get('authorization') ?? ''),
    }),
  );
  return { tokenCalls, authSeen };
}

const since = new Date(0);

type Page = {
  items: Array<{ id: string; slackChannel?: { name: string; url: string } }>;
  rejected: Array<{ id?: string; reason: string }>;
  watermark?: Date;
};

export async function collect(
  p: BlamelessIncidentProvider,
  from = since,
  pageSize = 100,
) {
  const pages: Page[] = [];
  for await (const page of p.changesSince(from, { pageSize })) {
    pages.push(page);
  }
  return pages;
}

/** Serves `incidents` newest change first, honouring updated_since/offset/limit like Blameless. */
function listHandler(
  incidents: Array<Record<string, any>>,
  options: {
    ignoreSince?: boolean;
    calls?: string[];
    onRequest?: (request: Request) => void;
    /** Runs before each list call is answered, e.g. to add changes mid-walk. */
    beforeAnswer?: (incidents: Array<Record<string, any>>) => void;
  } = {},
) {
  const updated = (i: Record<string, any>) =>
    i.updated?.$date ?? i.created?.$date ?? 0;
  return http.get(`${base}/api/v1/incidents`, ({ request }) => {
    const url = new URL(request.url);
    options.calls?.push(url.search);
    options.onRequest?.(request);
    options.beforeAnswer?.(incidents);
    const sorted = [...incidents].sort((a, b) => updated(b) - updated(a));
    const limit = Number(url.searchParams.get('limit'));
    const offset = Number(url.searchParams.get('offset'));
    const updatedSince = Number(url.searchParams.get('updated_since') ?? 0);
    const matching = options.ignoreSince
      ? sorted
      : sorted.filter(i => updated(i) >= updatedSince);
    return HttpResponse.json({
      ok: true,
      incidents: matching.slice(offset, offset + limit),
      pagination: { limit, offset, count: matching.length },
    });
  });
}

export const inc = (
  id: number,
  updated: number,
  extra: Record<string, unknown> = {},
) => ({
  _id: id,
  description: `Incident ${id}`,
  created: { $date: updated - 100 },
  updated: { $date: updated },
  status: 'RESOLVED',
  severity: 2,
  ...extra,
});
