import { compareShape, loadWireSample } from './testing';
import { TEST_NOW, testSandbox } from './__testUtils__/sandbox';
import { DemoOrg } from './org/types';
import { SANDBOX_DEFAULT_KEYS } from './options';
import { createSandbox } from './app';
import { defaultQuotaLimits } from './quota/limits';
import {
  app,
  org,
  schedule,
  slo,
  nowS,
  dd,
  og,
} from './__testUtils__/contractCalls';
import { opsgenieCases } from './__testUtils__/opsgenieContractCases';
import { blamelessCases } from './__testUtils__/blamelessContractCases';
import { datadogCases } from './__testUtils__/datadogContractCases';

/**
 * Contract: for each recorded vendor response, the sandbox's answer to the equivalent request
 * has the same shape (keys and JSON types). Extra keys are allowed only where noted: where the
 * sample is known to be minimal (vendor docs print "the minimum returned", an older recording
 * predates fields, or an error/no-data case leaves fields out).
 */
const cases = [...opsgenieCases, ...blamelessCases, ...datadogCases];

describe('wire contract: sandbox responses have the recorded shapes', () => {
  it.each(
    cases.map(
      c => [`${c.vendor}/${c.file}${c.what ? ` (${c.what})` : ''}`, c] as const,
    ),
  )('%s', async (_name, c) => {
    const res = await c.call(app, org);
    expect(res.status).toBe(c.status);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(
      compareShape(loadWireSample(c.vendor, c.file), res.body, c.options),
    ).toEqual([]);
  });

  it('nests teams and escalations in a non-flat on-call answer (opsgenie/get-v2-schedules-id-on-calls-nested.json)', async () => {
    const payments = schedule('payments_schedule');
    const team = org.teams.find(t => t.name === 'payments-team')!;
    const escalation = org.escalations.find(
      e => e.name === 'payments-team_escalation',
    )!;
    const base = payments.rotations[0];
    // As in the documented sample: a schedule whose rotations include the team and its escalation.
    const withTeam: DemoOrg = {
      ...org,
      schedules: org.schedules.map(s =>
        s === payments
          ? {
              ...s,
              rotations: [
                {
                  ...base,
                  id: 'team-rotation',
                  name: 'team',
                  participants: [{ type: 'team', id: team.id }],
                },
                {
                  ...base,
                  id: 'escalation-rotation',
                  name: 'escalation',
                  participants: [{ type: 'escalation', id: escalation.id }],
                },
              ],
            }
          : s,
      ),
    };
    const nestedApp = testSandbox({ org: withTeam }).app;
    const res = await og(`/v2/schedules/${payments.id}/on-calls`)(nestedApp);
    expect(res.status).toBe(200);
    expect(
      compareShape(
        loadWireSample('opsgenie', 'get-v2-schedules-id-on-calls-nested.json'),
        res.body,
        {
          // The docs say a team's nested list holds its resolved users; only the escalation's
          // entries (checked below) carry escalationTime and notifyType.
          optional: [
            'data.onCallParticipants[].onCallParticipants[].escalationTime',
            'data.onCallParticipants[].onCallParticipants[].notifyType',
          ],
        },
      ),
    ).toEqual([]);
    const [teamEntry, escalationEntry] = res.body.data.onCallParticipants;
    expect(teamEntry.onCallParticipants).toHaveLength(team.members.length);
    expect(
      escalationEntry.onCallParticipants.map(
        (p: { type: string; escalationTime: number; notifyType: string }) => [
          p.type,
          p.escalationTime,
          p.notifyType,
        ],
      ),
    ).toEqual([
      ['schedule', 0, 'default'],
      ['schedule', 10, 'next'],
      ['team', 20, 'all'],
    ]);
    const flat = await og(`/v2/schedules/${payments.id}/on-calls?flat=true`)(
      nestedApp,
    );
    expect([...flat.body.data.onCallRecipients].sort()).toEqual(
      team.members
        .map(m => org.users.find(u => u.id === m.userId)!.email)
        .sort(),
    );
  });

  it('sends the recorded Opsgenie and DataDog headers', async () => {
    const og1 = await og('/v2/schedules')(app);
    expect(og1.headers['x-request-id']).toBe(og1.body.requestId);
    expect(og1.headers['x-ratelimit-state']).toBe('OK');
    expect(Number(og1.headers['x-response-time'])).toBe(og1.body.took);
    const dd1 = await dd('/api/v1/slo')(app);
    for (const h of [
      'x-ratelimit-limit',
      'x-ratelimit-period',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'x-ratelimit-name',
    ]) {
      expect(dd1.headers[h]).toBeDefined();
    }
    expect(dd1.headers['x-ratelimit-name']).toBe('slo_get_all');
  });

  it('sends the recorded DataDog rate-limit headers in quota mode: same buckets, limits and periods', async () => {
    const quota = createSandbox(
      {
        seed: 42,
        now: () => TEST_NOW,
        keys: SANDBOX_DEFAULT_KEYS,
        control: false,
        quota: defaultQuotaLimits(),
      },
      org,
    ).app;
    const history = `/api/v1/slo/${slo('checkout-api latency').id}/history`;
    // [sample, request, bucket of the endpoint for samples recorded before DataDog named them]
    const recorded: Array<[string, string, string?]> = [
      [
        'get-api-v1-slo-ids.headers.json',
        `/api/v1/slo?ids=${slo('payments-api availability').id}`,
      ],
      [
        'get-api-v1-slo-400.headers.json',
        '/api/v1/slo?ids=id1%2Cid1',
        'slo_get_all',
      ],
      [
        'get-api-v1-slo-404.headers.json',
        '/api/v1/slo?ids=id1%2Cid2',
        'slo_get_all',
      ],
      [
        'get-api-v1-slo-id-monitor.headers.json',
        `/api/v1/slo/${slo('checkout-api latency').id}`,
      ],
      ['get-api-v1-slo-id-404.headers.json', '/api/v1/slo/id', 'slo_get'],
      [
        'get-api-v1-slo-id-history-monitor.headers.json',
        `${history}?from_ts=${nowS - 86400}&to_ts=${nowS}`,
      ],
      [
        'get-api-v1-slo-id-history-400.headers.json',
        `${history}?from_ts=123&to_ts=12`,
        'slo_history',
      ],
      [
        'get-api-v1-slo-id-history-404.headers.json',
        '/api/v1/slo/id/history?from_ts=123&to_ts=12',
        'slo_history',
      ],
      [
        'get-api-v1-monitor-id-offset.headers.json',
        `/api/v1/monitor?id_offset=${org.monitors[0].id}&page_size=1`,
      ],
      [
        'get-api-v1-monitor-400.headers.json',
        '/api/v1/monitor?group_states=notagroupstate',
        'get_all_monitors',
      ],
      ['get-api-v1-monitor-id-404.headers.json', '/api/v1/monitor/1234'],
    ];
    for (const [file, path, bucket] of recorded) {
      const sample = loadWireSample('datadog', file) as Record<
        string,
        string[]
      >;
      const res = await dd(path)(quota);
      const header = (name: string) => sample[name]?.[0];
      const limit = Number(header('X-Ratelimit-Limit'));
      const period = Number(header('X-Ratelimit-Period'));
      expect([
        file,
        res.headers['x-ratelimit-limit'],
        res.headers['x-ratelimit-period'],
        res.headers['x-ratelimit-name'],
      ]).toEqual([
        file,
        String(limit),
        String(period),
        header('X-Ratelimit-Name') ?? bucket,
      ]);
      expect(Number(res.headers['x-ratelimit-remaining'])).toBeLessThan(limit);
      const reset = Number(res.headers['x-ratelimit-reset']);
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(period);
    }
    const og1 = await og('/v2/schedules')(quota);
    expect(og1.headers['x-ratelimit-state']).toBe('OK');
  });
});
