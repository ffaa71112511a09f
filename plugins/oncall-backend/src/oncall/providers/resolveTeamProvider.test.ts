import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { readOnCallProviders } from './readOnCallProviders';
import { resolveTeamProvider } from './resolveTeamProvider';

function group(name: string, annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, annotations },
    spec: { type: 'team', children: [] },
  };
}

/** Two Opsgenie accounts and a JSM site, as an organisation in migration has. */
const teams: Record<string, string[]> = {
  opsgenie: ['payments', 'storefront', 'shared'],
  'opsgenie-eu': ['shared', 'billing'],
  jsm: ['discovery', 'storefront'],
};
const hasTeam = (providerId: string, team: string) =>
  (teams[providerId] ?? []).includes(team);

function config(extra: object = {}) {
  return readOnCallProviders(
    new ConfigReader({
      opsgenie: {},
      jsm: {},
      providers: [{ id: 'opsgenie-eu', type: 'opsgenie' }],
      ...extra,
    }),
  );
}

describe('resolveTeamProvider', () => {
  it('finds a team by name in exactly one provider', () => {
    expect(resolveTeamProvider(group('payments'), config(), hasTeam)).toEqual({
      kind: 'resolved',
      providerId: 'opsgenie',
      via: 'name',
    });
    expect(resolveTeamProvider(group('billing'), config(), hasTeam)).toEqual({
      kind: 'resolved',
      providerId: 'opsgenie-eu',
      via: 'name',
    });
  });

  it('reports a team found in two providers as ambiguous, never guessing', () => {
    expect(resolveTeamProvider(group('storefront'), config(), hasTeam)).toEqual(
      {
        kind: 'ambiguous',
        providerIds: ['opsgenie', 'jsm'],
        message: expect.stringContaining(
          "Team 'storefront' is in opsgenie and jsm",
        ),
      },
    );
  });

  it('lets oncall.migration.prefer pick for a team mid-migration', () => {
    expect(
      resolveTeamProvider(
        group('storefront'),
        config({ migration: { prefer: ['jsm', 'opsgenie'] } }),
        hasTeam,
      ),
    ).toEqual({
      kind: 'resolved',
      providerId: 'jsm',
      via: 'name',
      preferredOver: ['opsgenie'],
    });
  });

  it('takes the oncall.backstage.io/provider pin over everything else', () => {
    const pinned = group('storefront', {
      'oncall.backstage.io/provider': 'opsgenie',
    });
    expect(
      resolveTeamProvider(
        pinned,
        config({
          teamProviders: { storefront: 'jsm' },
          migration: { prefer: ['jsm'] },
        }),
        hasTeam,
      ),
    ).toEqual({ kind: 'resolved', providerId: 'opsgenie', via: 'annotation' });
  });

  it('names a pin to a provider that is not configured', () => {
    expect(
      resolveTeamProvider(
        group('growth', { 'oncall.backstage.io/provider': 'pagerduty' }),
        config(),
        hasTeam,
      ),
    ).toEqual({
      kind: 'unknown',
      message:
        "oncall.backstage.io/provider names 'pagerduty', which is not a configured provider",
    });
  });

  it('uses the config mapping', () => {
    expect(
      resolveTeamProvider(
        group('storefront'),
        config({ teamProviders: { storefront: 'jsm' } }),
        hasTeam,
      ),
    ).toEqual({ kind: 'resolved', providerId: 'jsm', via: 'mapping' });
  });

  it("follows a tool's own annotation, narrowing two accounts of that tool by team name", () => {
    expect(
      resolveTeamProvider(
        group('discovery', { 'jsm.atlassian.com/team': 'discovery' }),
        config(),
        hasTeam,
      ),
    ).toEqual({ kind: 'resolved', providerId: 'jsm', via: 'annotation' });
    expect(
      resolveTeamProvider(
        group('finance', { 'opsgenie.com/team': 'billing' }),
        config(),
        hasTeam,
      ),
    ).toEqual({
      kind: 'resolved',
      providerId: 'opsgenie-eu',
      via: 'annotation',
    });
    expect(
      resolveTeamProvider(
        group('shared', { 'opsgenie.com/team': 'shared' }),
        config(),
        hasTeam,
      ),
    ).toMatchObject({
      kind: 'ambiguous',
      providerIds: ['opsgenie', 'opsgenie-eu'],
    });
  });

  it('is missing when no provider has the team', () => {
    expect(resolveTeamProvider(group('labs'), config(), hasTeam)).toEqual({
      kind: 'missing',
    });
  });
});
