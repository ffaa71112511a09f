import {
  AlertRequest,
  OnCallProvider,
  OnCallVendor,
  RequestStatus,
} from '../OnCallProvider';
import { MultiOnCallProvider } from './MultiOnCallProvider';

/** The ids of a listing, sorted. */
const sortedIds = (items: Array<{ id: string }>) => items.map(i => i.id).sort();

function fake(
  id: OnCallVendor,
  teams: string[],
  options: { fail?: boolean; users?: string[] } = {},
): jest.Mocked<OnCallProvider> {
  const check = async <T>(value: T) => {
    if (options.fail) {
      throw new Error(`${id} is down`);
    }
    return value;
  };
  return {
    id,
    listTeams: jest.fn(() =>
      check(teams.map(name => ({ id: `t-${name}`, name }))),
    ),
    getTeam: jest.fn(async teamId => ({
      id: teamId,
      name: teamId.slice(2),
      members: [`${id}@x`],
    })),
    listSchedules: jest.fn(() =>
      check(
        teams.map(name => ({
          id: `s-${name}`,
          name: `${name}_schedule`,
          timezone: 'UTC',
          enabled: true,
          ownerTeam: { id: `t-${name}`, name },
          rotations: [],
        })),
      ),
    ),
    getTimeline: jest.fn(async (scheduleId, from, to) => ({
      scheduleId,
      start: from,
      end: to,
      periods: [],
    })),
    listEscalations: jest.fn(() =>
      check(
        teams.map(name => ({
          id: `e-${name}`,
          name: `${name}_escalation`,
          ownerTeam: { id: `t-${name}`, name },
          rules: [],
        })),
      ),
    ),
    listUsers: jest.fn(() =>
      check(
        (options.users ?? []).map(email => ({
          id: `u-${id}-${email}`,
          username: email,
          email,
        })),
      ),
    ),
    createAlert: jest.fn(async (_alert: AlertRequest) => ({
      requestId: `r-${id}`,
    })),
    getRequestStatus: jest.fn(
      async (_requestId: string): Promise<RequestStatus> => ({
        state: 'pending',
      }),
    ),
    waitForRequest: jest.fn(
      async (
        _requestId: string,
        _timeoutMs: number,
      ): Promise<RequestStatus> => ({
        state: 'pending',
      }),
    ),
    scheduleUrl: jest.fn(s => `https://${id}/${s.id}`),
  };
}

describe('MultiOnCallProvider', () => {
  const build = (
    prefer: string[] = [],
    extra: { jsmFail?: boolean; teamProviders?: Map<string, string> } = {},
  ) => {
    const opsgenie = fake('opsgenie', ['checkout', 'storefront-us'], {
      users: ['Ann@x.com', 'bo@x.com'],
    });
    const jsm = fake('jsm', ['discovery', 'storefront-us'], {
      fail: extra.jsmFail,
      users: ['ann@x.com', 'cy@x.com'],
    });
    const pagerduty = fake('pagerduty', ['growth']);
    const onFailure = jest.fn();
    const multi = new MultiOnCallProvider({
      providers: [
        { id: 'opsgenie', type: 'opsgenie', provider: opsgenie },
        { id: 'jsm', type: 'jsm', provider: jsm },
        { id: 'pagerduty', type: 'pagerduty', provider: pagerduty },
      ],
      prefer,
      teamProviders: extra.teamProviders,
      onFailure,
    });
    return { multi, opsgenie, jsm, pagerduty, onFailure };
  };

  it('keeps default ids, namespaces the others, and unions the lists', async () => {
    const { multi } = build(['jsm', 'pagerduty', 'opsgenie']);
    expect(sortedIds(await multi.listTeams())).toEqual([
      'jsm:t-discovery',
      'jsm:t-storefront-us',
      'pagerduty:t-growth',
      't-checkout',
    ]);
    const schedules = await multi.listSchedules();
    expect(schedules.map(s => [s.id, s.ownerTeam?.id]).sort()).toEqual([
      ['jsm:s-discovery', 'jsm:t-discovery'],
      ['jsm:s-storefront-us', 'jsm:t-storefront-us'],
      ['pagerduty:s-growth', 'pagerduty:t-growth'],
      ['s-checkout', 't-checkout'],
    ]);
    expect(sortedIds(await multi.listEscalations())).toEqual([
      'e-checkout',
      'jsm:e-discovery',
      'jsm:e-storefront-us',
      'pagerduty:e-growth',
    ]);
    expect(multi.collisions()).toEqual([
      expect.objectContaining({
        team: 'storefront-us',
        providerIds: ['opsgenie', 'jsm'],
        kept: 'jsm',
        via: 'prefer',
        ambiguous: false,
      }),
    ]);
  });

  it('keeps the default provider and reports ambiguity without a preference', async () => {
    const { multi } = build();
    const teams = await multi.listTeams();
    expect(teams.find(t => t.name === 'storefront-us')?.id).toBe(
      't-storefront-us',
    );
    expect(multi.collisions()[0]).toMatchObject({
      kept: 'opsgenie',
      ambiguous: true,
      via: 'default',
    });
    expect(multi.teamSource('Storefront-US')).toMatchObject({
      providerId: 'opsgenie',
      provider: 'opsgenie',
      collision: { ambiguous: true, providerIds: ['opsgenie', 'jsm'] },
    });
    expect(multi.teamSource('growth')).toEqual({
      providerId: 'pagerduty',
      provider: 'pagerduty',
    });
    expect(multi.teamSource('nobody')).toBeUndefined();
  });

  it('lets oncall.teamProviders decide a collision', async () => {
    const { multi } = build(['jsm'], {
      teamProviders: new Map([['storefront-us', 'opsgenie']]),
    });
    await multi.listTeams();
    expect(multi.collisions()[0]).toMatchObject({
      kept: 'opsgenie',
      via: 'teamProviders',
    });
  });

  it('after a restart, before any listing, names the provider from the stored team id and links through the stored owner', () => {
    const { multi, jsm } = build();
    // nothing listed in this process yet: the store's namespaced id decides
    expect(multi.teamSource('discovery', 'jsm:t-discovery')).toEqual({
      providerId: 'jsm',
      provider: 'jsm',
    });
    expect(multi.teamSource('checkout', 't-checkout')).toEqual({
      providerId: 'opsgenie',
      provider: 'opsgenie',
    });
    expect(multi.teamSource('nobody')).toBeUndefined();
    expect(
      multi.sourceOf({
        id: 'jsm:s-discovery',
        name: 'discovery_schedule',
        ownerTeam: { id: 'jsm:t-discovery' },
      }),
    ).toEqual({
      provider: 'jsm',
      providerId: 'jsm',
      url: 'https://jsm/s-discovery',
    });
    // the adapter gets its own ids back, the owner included
    expect(jsm.scheduleUrl).toHaveBeenCalledWith({
      id: 's-discovery',
      name: 'discovery_schedule',
      ownerTeam: { id: 't-discovery' },
    });
  });

  it('routes calls by the id prefix', async () => {
    const { multi, opsgenie, jsm, pagerduty } = build();
    expect(await multi.getTeam('jsm:t-discovery')).toMatchObject({
      id: 'jsm:t-discovery',
      members: ['jsm@x'],
    });
    expect(jsm.getTeam).toHaveBeenCalledWith('t-discovery');
    const from = new Date(0);
    const timeline = await multi.getTimeline('pagerduty:s-growth', from, from);
    expect(timeline.scheduleId).toBe('pagerduty:s-growth');
    expect(pagerduty.getTimeline).toHaveBeenCalledWith('s-growth', from, from);
    expect(await multi.getTimeline('s-checkout', from, from)).toMatchObject({
      scheduleId: 's-checkout',
    });
    expect(
      multi.scheduleUrl({ id: 'jsm:s-discovery', name: 'discovery_schedule' }),
    ).toBe('https://jsm/s-discovery');
    expect(
      multi.sourceOf({ id: 'pagerduty:s-growth', name: 'growth_schedule' }),
    ).toEqual({
      provider: 'pagerduty',
      providerId: 'pagerduty',
      url: 'https://pagerduty/s-growth',
    });
    expect(multi.sourceOf({ id: 's-checkout', name: 'x' }).provider).toBe(
      'opsgenie',
    );
    await multi.getRequestStatus('jsm:r-1');
    expect(jsm.getRequestStatus).toHaveBeenCalledWith('r-1');
    await multi.waitForRequest('r-2', 5);
    expect(opsgenie.waitForRequest).toHaveBeenCalledWith('r-2', 5);
  });

  it('pages the provider serving the team name and namespaces its request id', async () => {
    const { multi, pagerduty, opsgenie } = build(['jsm']);
    const alert = { message: 'm', team: 'growth', dedupKey: 'k' };
    expect(await multi.createAlert(alert)).toEqual({
      requestId: 'pagerduty:r-pagerduty',
    });
    expect(pagerduty.createAlert).toHaveBeenCalledWith(alert);
    expect(await multi.createAlert({ ...alert, team: 'Checkout' })).toEqual({
      requestId: 'r-opsgenie',
    });
    expect(opsgenie.createAlert).toHaveBeenCalledTimes(1);
  });

  it('de-duplicates users by email, case-insensitively', async () => {
    const { multi } = build();
    const users = await multi.listUsers();
    expect(users.map(u => u.email)).toEqual([
      'Ann@x.com',
      'bo@x.com',
      'cy@x.com',
    ]);
  });

  it("keeps serving a failing provider's last answer, reported as failing", async () => {
    const { multi, jsm } = build(['jsm']);
    expect((await multi.listTeams()).map(t => t.id)).toContain(
      'jsm:t-discovery',
    );
    jsm.listTeams.mockRejectedValueOnce(new Error('jsm is down'));
    expect((await multi.listTeams()).map(t => t.id)).toContain(
      'jsm:t-discovery',
    );
    expect(multi.failures()).toEqual([
      { providerId: 'jsm', error: 'jsm is down' },
    ]);
    await multi.listTeams();
    expect(multi.failures()).toEqual([]);
  });

  it('serves what answered when one provider fails, and reports the failure', async () => {
    const { multi, onFailure } = build(['jsm'], { jsmFail: true });
    const teams = await multi.listTeams();
    expect(teams.map(t => t.name).sort()).toEqual([
      'checkout',
      'growth',
      'storefront-us',
    ]);
    expect(multi.failures()).toEqual([
      { providerId: 'jsm', error: 'jsm is down' },
    ]);
    expect(onFailure).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'jsm' }),
      expect.any(Error),
    );
  });
});
