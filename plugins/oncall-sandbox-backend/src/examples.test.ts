import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createDemoOrg } from './org/demoOrg';
import { LOCAL_TIME_TEAMS } from './org/opsgenieOrg';
import { demoPagerDuty } from './org/pagerdutyOrg';

interface Entity {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

function load(file: string): Entity[] {
  const text = readFileSync(
    resolve(__dirname, '../../../examples', file),
    'utf8',
  );
  return parseAllDocuments(text)
    .map(d => d.toJS())
    .filter(Boolean);
}

/** The demo catalog in examples/ must match the org the sandbox serves. */
describe('examples/ catalog', () => {
  const org = createDemoOrg({
    seed: 42,
    now: new Date('2026-03-04T10:15:00Z'),
  });
  const entities = [...load('org.yaml'), ...load('entities.yaml')];
  const ofKind = (kind: string) => entities.filter(e => e.kind === kind);

  it('has exactly the sandbox’s Groups, with parents and Opsgenie annotations', () => {
    const groups = ofKind('Group').map(g => ({
      name: g.metadata.name,
      parent: g.spec.parent,
      team: g.metadata.annotations?.['opsgenie.com/team'],
    }));
    expect(groups).toEqual(
      org.groups.map(g => ({
        name: g.name,
        parent: g.parent,
        team: g.opsgenieAnnotation,
      })),
    );
    for (const g of groups.filter(x => x.team)) {
      expect(org.teams.map(t => t.name)).toContain(g.team);
    }
  });

  it('has exactly the sandbox’s Users with the Opsgenie usernames as emails', () => {
    const users = ofKind('User').map(u => ({
      name: u.metadata.name,
      email: (u.spec.profile as { email: string }).email,
      memberOf: u.spec.memberOf,
    }));
    expect(users).toEqual(
      org.users.map(u => ({
        name: u.name,
        email: u.email,
        memberOf: [u.group],
      })),
    );
  });

  it('has exactly the sandbox’s Systems, Components and APIs with their owners', () => {
    expect(ofKind('System').map(s => [s.metadata.name, s.spec.owner])).toEqual(
      org.systems.map(s => [s.name, s.owner]),
    );
    const services = entities
      .filter(e => e.kind === 'Component' || e.kind === 'API')
      .map(e => [e.kind, e.metadata.name, e.spec.owner, e.spec.system]);
    expect(services).toEqual(
      org.services.map(s => [s.kind, s.name, s.owner, s.system]),
    );
  });

  it('pins the Opsgenie teams the sandbox’s services pin, and names no team the sandbox lacks', () => {
    const pinned = entities
      .filter(e => e.metadata.annotations?.['opsgenie.com/team'])
      .map(e => e.metadata.annotations?.['opsgenie.com/team']);
    for (const team of pinned) {
      expect(org.teams.map(t => t.name)).toContain(team);
    }
    expect(
      entities
        .filter(e => e.kind === 'Component' || e.kind === 'API')
        .map(e => [
          e.metadata.name,
          e.metadata.annotations?.['opsgenie.com/team'],
        ]),
    ).toEqual(org.services.map(s => [s.name, s.opsgenieTeam]));
    for (const { team } of LOCAL_TIME_TEAMS) {
      expect(org.services.map(s => s.opsgenieTeam)).toContain(team);
    }
  });

  it('annotates Blameless service names and SLO tags the sandbox uses', () => {
    for (const e of ofKind('Component')) {
      const service = org.services.find(s => s.name === e.metadata.name)!;
      expect(
        e.metadata.annotations?.['blameless.com/service'] ?? e.metadata.name,
      ).toBe(service.blamelessService);
    }
    const sloTagQueries = ofKind('Component').flatMap(e => {
      const tags = e.metadata.annotations?.['datadoghq.com/slo-tags'];
      return tags ? [tags.split(',').map(t => t.trim())] : [];
    });
    expect(sloTagQueries.length).toBeGreaterThanOrEqual(2);
    for (const tags of sloTagQueries) {
      expect(org.slos.some(s => tags.every(t => s.tags.includes(t)))).toBe(
        true,
      );
    }
    expect(
      entities.filter(
        e => e.metadata.annotations?.['datadoghq.com/dashboard-url'],
      ).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      entities.filter(e => e.metadata.annotations?.['kibana.com/dashboard-url'])
        .length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('points the PagerDuty team’s Group and services at the sandbox’s PagerDuty account', () => {
    const pd = demoPagerDuty(org);
    const annotated = entities
      .filter(e =>
        Object.keys(e.metadata.annotations ?? {}).some(k =>
          k.startsWith('pagerduty.com/'),
        ),
      )
      .map(e => [e.kind, e.metadata.name, e.metadata.annotations]);
    expect(annotated).toEqual([
      [
        'Group',
        'growth',
        { 'pagerduty.com/escalation-policy-id': pd.policies[0].id },
      ],
      ...pd.services.map(s => [
        'Component',
        s.name,
        {
          'pagerduty.com/service-id': s.id,
          'pagerduty.com/integration-key': s.integrationKey,
        },
      ]),
    ]);
  });
});
