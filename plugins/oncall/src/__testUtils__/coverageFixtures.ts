import {
  CoverageGroup,
  CoverageReport,
} from '@oncall-for-backstage/plugin-oncall-common';
import { fresh } from './fixtures';

const opsgenie = { providerId: 'opsgenie', provider: 'opsgenie' as const };
const jsm = { providerId: 'jsm', provider: 'jsm' as const };
const pagerduty = { providerId: 'pagerduty', provider: 'pagerduty' as const };

/** A mid-migration org: Opsgenie, JSM and PagerDuty teams, one ambiguous, one missing. */
export const coverageGroups: CoverageGroup[] = [
  {
    entityRef: 'group:default/discovery',
    kind: 'Group',
    state: 'mapped',
    team: 'discovery-ops',
    provider: jsm,
    via: 'annotation',
    rotations: [
      {
        name: 'discovery_schedule',
        source: { ...jsm, url: 'https://acme.atlassian.net/jira/ops/teams/t1' },
      },
    ],
    services: [
      {
        entityRef: 'component:default/search-api',
        kind: 'Component',
        state: 'mapped',
        team: 'discovery-ops',
        provider: jsm,
        via: 'owner',
        rotations: [{ name: 'discovery_schedule', source: jsm }],
      },
    ],
  },
  {
    entityRef: 'group:default/growth',
    kind: 'Group',
    state: 'mapped',
    provider: pagerduty,
    via: 'annotation',
    rotations: [
      {
        name: 'Growth escalation policy',
        source: {
          ...pagerduty,
          url: 'https://acme.pagerduty.com/escalation_policies/PGRWTH1',
        },
      },
    ],
    services: [],
  },
  {
    entityRef: 'group:default/payments',
    kind: 'Group',
    state: 'by-name',
    team: 'payments',
    provider: opsgenie,
    via: 'name',
    rotations: [{ name: 'payments_schedule', source: opsgenie }],
    services: [
      {
        entityRef: 'component:default/payments-api',
        kind: 'Component',
        state: 'by-name',
        team: 'payments',
        provider: opsgenie,
        via: 'owner',
        rotations: [{ name: 'payments_schedule', source: opsgenie }],
      },
    ],
  },
  {
    entityRef: 'group:default/storefront',
    kind: 'Group',
    state: 'missing',
    team: 'storefront',
    via: 'name',
    ambiguity: {
      providerIds: ['jsm', 'opsgenie'],
      message:
        "Team 'storefront' is in jsm and opsgenie; pin one with oncall.backstage.io/provider or oncall.migration.prefer.",
    },
    yaml: 'metadata:\n  annotations:\n    oncall.backstage.io/provider: jsm',
    services: [],
  },
  {
    entityRef: 'group:default/labs',
    kind: 'Group',
    state: 'missing',
    reason: 'No provider has a team named labs.',
    yaml: 'metadata:\n  annotations:\n    opsgenie.com/team: labs',
    services: [],
  },
];

/** The coverage report for {@link coverageGroups}, with the backend's migration summary. */
export function coverageReport(
  overrides: Partial<CoverageReport> = {},
): CoverageReport {
  return {
    items: [],
    summary: { mapped: 2, inherited: 0, 'by-name': 1, missing: 2, broken: 0 },
    freshness: fresh,
    groups: coverageGroups,
    migration: {
      byProvider: [
        { ...opsgenie, teams: 1 },
        { ...jsm, teams: 1 },
        { ...pagerduty, teams: 1 },
      ],
      teams: 3,
      teamsOffOpsgenie: 2,
      ambiguous: 1,
      missing: 1,
      opsgenieEndDate: '2027-04-05',
      daysLeft: 126,
    },
    ...overrides,
  };
}
