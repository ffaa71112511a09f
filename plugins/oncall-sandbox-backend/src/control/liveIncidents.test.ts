import { TEST_NOW } from '../__testUtils__/sandbox';
import { nextPeriod } from '../org/rotation';
import { MINUTE } from '../org/time';
import { commanderAt, liveSandbox } from '../__testUtils__/liveSandbox';

describe('live demo incidents through the control API', () => {
  let now = TEST_NOW.getTime();

  function sandbox(options: { controlKey?: string } = {}) {
    now = TEST_NOW.getTime();
    return liveSandbox({ ...options, now: () => now });
  }

  it('opens an incident the Blameless fake serves like any other', async () => {
    const { org, blameless, open } = sandbox();
    const newestBefore = Math.max(...org.incidents.map(i => i.id));
    const res = await open({
      title: 'Card payments failing at checkout',
      severity: 'SEV1',
      services: ['checkout-api', 'payments-api', 'checkout-api'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: newestBefore + 1 });
    const id: number = res.body.id;

    const single = await blameless(`/api/v1/incidents/${id}`);
    expect(single.status).toBe(200);
    const commander = commanderAt(org, now);
    expect(single.body.incident).toEqual({
      _id: id,
      name: String(id),
      created: { $date: now },
      updated: { $date: now },
      creator: expect.stringMatching(/^U/),
      description: 'Card payments failing at checkout',
      status: 'INVESTIGATING',
      severity: 1,
      type: expect.any(String),
      start_of_customer_impact: { $date: now },
      slack_channel: {
        id: expect.stringMatching(/^C[0-9A-F]{8}$/),
        name: `inc-${id}-card-payments-failing-at-checkout`,
        is_private: false,
      },
      ticket: {
        type: 'JIRA',
        key: `INC-${id}`,
        url: expect.stringContaining(`INC-${id}`),
      },
      is_postmortem_required: true,
      roles: [
        {
          role: 'Commander',
          user: {
            id: commander.slackId,
            email: commander.email,
            name: commander.fullName,
          },
        },
      ],
      // checkout-api files its incidents as `checkout` (blameless.com/service)
      services: ['checkout', 'payments-api'],
    });

    // newest change first, found by each filter the incremental sync and the UI use
    const list = await blameless('/api/v1/incidents?limit=1');
    expect(list.body.incidents[0]._id).toBe(id);
    expect(list.body.pagination.count).toBe(org.incidents.length);
    for (const query of [
      'services=payments-api',
      'services=checkout',
      'status=INVESTIGATING',
      `updated_since=${now}`,
      'search=card%20payments',
    ]) {
      const found = await blameless(`/api/v1/incidents?${query}&limit=1000`);
      expect([
        query,
        found.body.incidents.map((i: { _id: number }) => i._id),
      ]).toEqual([query, expect.arrayContaining([id])]);
    }
    const since = await blameless(`/api/v1/incidents?updated_since=${now}`);
    expect(since.body.pagination.count).toBe(
      org.incidents.filter(i => i.updated >= now).length,
    );
    expect((await blameless(`/api/v1/incidents/${id}/postmortem`)).status).toBe(
      404,
    );
  });

  it('moves an incident through its statuses with their timestamps, newest change first', async () => {
    const { org, blameless, open, patch } = sandbox();
    const opened = now;
    const { id } = (
      await open({
        title: 'Search slow',
        severity: 'SEV3',
        services: ['search-api'],
      })
    ).body;
    const incident = async () =>
      (await blameless(`/api/v1/incidents/${id}`)).body.incident;
    const isSorted = () =>
      org.incidents.every(
        (x, k) =>
          k === 0 ||
          org.incidents[k - 1].updated > x.updated ||
          (org.incidents[k - 1].updated === x.updated &&
            org.incidents[k - 1].id > x.id),
      );

    now += 7 * MINUTE;
    const identified = await patch(id, { status: 'identified' });
    expect(identified.status).toBe(200);
    expect(identified.body).toEqual({
      id,
      title: 'Search slow',
      severity: 'SEV3',
      status: 'identified',
      services: ['search-api'],
      commander: commanderAt(org, opened).email,
      slackChannel: `inc-${id}-search-slow`,
      updated: new Date(now).toISOString(),
    });
    expect(await incident()).toMatchObject({
      status: 'IDENTIFIED',
      acknowledged_at: { $date: now },
      updated: { $date: now },
      is_postmortem_required: false,
    });
    const acknowledged = now;

    now += 20 * MINUTE;
    await patch(id, { severity: 'SEV0', title: 'Search down' }).expect(200);
    expect(await incident()).toMatchObject({
      description: 'Search down',
      severity: 0,
      status: 'IDENTIFIED',
      acknowledged_at: { $date: acknowledged },
      updated: { $date: now },
      is_postmortem_required: true,
      // the channel keeps the name it was created with
      slack_channel: { name: `inc-${id}-search-slow` },
    });
    const changes = await blameless(`/api/v1/incidents?updated_since=${now}`);
    expect(changes.body.incidents.map((i: { _id: number }) => i._id)).toEqual([
      id,
    ]);

    now += 30 * MINUTE;
    await patch(id, { status: 'monitoring' }).expect(200);
    now += 15 * MINUTE;
    const resolved = await patch(id, { status: 'resolved' });
    expect(resolved.body.status).toBe('resolved');
    const closed = await incident();
    expect(closed).toMatchObject({
      status: 'RESOLVED',
      created: { $date: opened },
      acknowledged_at: { $date: acknowledged },
      resolved_at: { $date: now },
      end_of_customer_impact: { $date: now },
      updated: { $date: now },
    });
    const postmortem = await blameless(`/api/v1/incidents/${id}/postmortem`);
    expect(postmortem.status).toBe(200);
    expect(postmortem.body.postmortem).toMatchObject({
      incident: id,
      state: 'NOT_STARTED',
      created: { $date: now },
    });
    const open_ = await blameless(
      '/api/v1/incidents?status=INVESTIGATING,IDENTIFIED,MONITORING&limit=1000',
    );
    expect(
      open_.body.incidents.map((i: { _id: number }) => i._id),
    ).not.toContain(id);
    expect(isSorted()).toBe(true);

    // resolving again changes nothing; reopening is refused
    const resolvedAt = now;
    now += MINUTE;
    await patch(id, { status: 'resolved' }).expect(200);
    expect((await incident()).updated).toEqual({ $date: resolvedAt });
    const reopen = await patch(id, { status: 'investigating' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error).toEqual({
      name: 'ConflictError',
      message: expect.stringContaining('resolved'),
    });
  });

  it('takes the commander on call in the Incident Commander rotation at that moment, at the handoff too', async () => {
    const first = sandbox();
    const ic = first.org.schedules.find(
      s => s.name === first.org.incidentCommanderSchedule,
    )!;
    const handoff = nextPeriod(ic, ic.rotations[0], TEST_NOW.getTime())!;
    const outgoing = commanderAt(first.org, handoff.start - 1);
    const incoming = commanderAt(first.org, handoff.start);
    expect(outgoing.id).not.toBe(incoming.id);

    for (const [at, expected] of [
      [handoff.start - 1, outgoing],
      [handoff.start, incoming],
    ] as const) {
      const sb = sandbox();
      now = at;
      const { id } = (
        await sb.open({
          title: 'Edge',
          severity: 'SEV2',
          services: ['cart-service'],
        })
      ).body;
      const roles = (await sb.blameless(`/api/v1/incidents/${id}`)).body
        .incident.roles;
      expect(roles[0].user.email).toBe(expected.email);
    }
  });

  it('changes the generated incidents too, and answers 404 for an unknown id', async () => {
    const { org, blameless, patch } = sandbox();
    const demo = org.incidents.find(i => i.status === 'INVESTIGATING')!;
    now += MINUTE;
    await patch(demo.id, { status: 'resolved' }).expect(200);
    expect(
      (await blameless(`/api/v1/incidents/${demo.id}`)).body.incident,
    ).toMatchObject({ status: 'RESOLVED', resolved_at: { $date: now } });
    // a change puts the incident first in the list, where an incremental sync looks
    const oldest = org.incidents[org.incidents.length - 1];
    now += MINUTE;
    await patch(oldest.id, { title: 'Renamed after the review' }).expect(200);
    const newest = await blameless('/api/v1/incidents?limit=1');
    expect(newest.body.incidents[0]).toMatchObject({
      _id: oldest.id,
      description: 'Renamed after the review',
      updated: { $date: now },
    });
    const since = await blameless(`/api/v1/incidents?updated_since=${now}`);
    expect(since.body.incidents.map((i: { _id: number }) => i._id)).toEqual([
      oldest.id,
    ]);
    for (const id of ['999999', 'abc', '1001.5']) {
      const res = await patch(id, { status: 'resolved' });
      expect(res.status).toBe(404);
      expect(res.body.error.name).toBe('NotFoundError');
    }
  });
});
