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

/** The provider resolved for `entity` under {@link config} with `extra`. */
const resolve = (entity: Entity, extra?: object) =>
  resolveTeamProvider(entity, config(extra), hasTeam);

describe('resolveTeamProvider', () => {
  it('finds a team by name in exactly one provider', () => {
    expect(resolve(group('payments'))).toEqual({
      kind: 'resolved',
      providerId: 'opsgenie',
      via: 'name',
    });
    expect(resolve(group('billing'))).toEqual({
      kind: 'resolved',
      providerId: 'opsgenie-eu',
      via: 'name',
    });
  });

  it('reports a team found in two providers as ambiguous, never guessing', () => {
    expect(resolve(group('storefront'))).toEqual({
      kind: 'ambiguous',
      providerIds: ['opsgenie', 'jsm'],
      message: expect.stringContaining(
        "Team 'storefront' is in opsgenie and jsm",
      ),
    });
  });

  it('lets oncall.migration.prefer pick for a team mid-migration', () => {
    expect(
      resolve(group('storefront'), {
        migration: { prefer: ['jsm', 'opsgenie'] },
      }),
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
      resolve(pinned, {
        teamProviders: { storefront: 'jsm' },
        migration: { prefer: ['jsm'] },
      }),
    ).toEqual({ kind: 'resolved', providerId: 'opsgenie', via: 'annotation' });
  });

  it('names a pin to a provider that is not configured', () => {
    expect(
      resolve(group('growth', { 'oncall.backstage.io/provider': 'pagerduty' })),
    ).toEqual({
      kind: 'unknown',
      message:
        "oncall.backstage.io/provider names 'pagerduty', which is not a configured provider",
    });
  });

  it('uses the config mapping', () => {
    expect(
      resolve(group('storefront'), { teamProviders: { storefront: 'jsm' } }),
    ).toEqual({ kind: 'resolved', providerId: 'jsm', via: 'mapping' });
  });

  it("follows a tool's own annotation, narrowing two accounts of that tool by team name", () => {
    expect(
      resolve(group('discovery', { 'jsm.atlassian.com/team': 'discovery' })),
    ).toEqual({ kind: 'resolved', providerId: 'jsm', via: 'annotation' });
    expect(
      resolve(group('finance', { 'opsgenie.com/team': 'billing' })),
    ).toEqual({
      kind: 'resolved',
      providerId: 'opsgenie-eu',
      via: 'annotation',
    });
    expect(
      resolve(group('shared', { 'opsgenie.com/team': 'shared' })),
    ).toMatchObject({
      kind: 'ambiguous',
      providerIds: ['opsgenie', 'opsgenie-eu'],
    });
  });

  it('is missing when no provider has the team', () => {
    expect(resolve(group('labs'))).toEqual({
      kind: 'missing',
    });
  });
});
