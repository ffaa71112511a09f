import { myLastShift, onCallHealth } from './healthFixtures';
import { Entity } from '@backstage/catalog-model';
import {
  Freshness,
  IncidentPage,
  MyOnCall,
  OnCallSummary,
  SloReport,
} from '@oncall-for-backstage/plugin-oncall-common';
import { DateTime } from 'luxon';
import { OnCallApi } from '../api';
import { longValue } from './longText';

export const NOW = DateTime.now();
const iso = (d: DateTime) => d.toUTC().toISO() ?? '';

export const fresh: Freshness = {
  asOf: iso(NOW.minus({ minutes: 1 })),
  stale: false,
  sources: [
    { source: 'opsgenie', stale: false, asOf: iso(NOW.minus({ minutes: 1 })) },
  ],
};

/** Stale data from 42 minutes before the call (a fixed instant would age while tests run). */
export function stale(): Freshness {
  const now = DateTime.now();
  return {
    asOf: iso(now.minus({ minutes: 42 })),
    stale: true,
    sources: [
      {
        source: 'opsgenie',
        stale: true,
        asOf: iso(now.minus({ minutes: 42 })),
        lastError: { message: 'HTTP 503 from Opsgenie', at: iso(now) },
      },
    ],
  };
}

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'kibana.com/dashboard-url':
        'https://kibana.example.com/app/logs?service=payments-api',
      'datadoghq.com/dashboard-url': 'https://app.datadoghq.com/dashboard/abc',
    },
  },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

export const groupEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

export function onCallSummary(
  overrides: Partial<OnCallSummary> = {},
): OnCallSummary {
  const shiftEnd = iso(NOW.plus({ days: 2 }));
  return {
    entityRef: 'component:default/payments-api',
    resolution: {
      via: 'owner',
      groupRef: 'group:default/payments',
      team: 'payments-team',
      path: ['group:default/payments', 'group:default/commerce'],
    },
    rotations: [
      {
        schedule: {
          id: 'sched-1',
          name: 'payments_schedule',
          timezone: 'Europe/Berlin',
          url: 'https://example.app.opsgenie.com/schedule/sched-1',
        },
        levels: [
          {
            role: 'primary',
            afterMinutes: 0,
            responders: [
              {
                name: 'Ada Lovelace',
                email: 'ada.lovelace@example.com',
                shiftEnd,
              },
            ],
          },
          {
            role: 'secondary',
            afterMinutes: 10,
            responders: [
              {
                name: 'Grace Hopper',
                email: 'grace.hopper@example.com',
                shiftEnd,
              },
            ],
          },
          {
            role: 'team',
            afterMinutes: 20,
            responders: [
              { name: 'Ada Lovelace', email: 'ada.lovelace@example.com' },
              { name: 'Grace Hopper', email: 'grace.hopper@example.com' },
              { name: 'Alan Turing', email: 'alan.turing@example.com' },
            ],
          },
        ],
        nextHandoff: shiftEnd,
        upcoming: [
          {
            role: 'primary',
            responder: {
              name: 'Alan Turing',
              email: 'alan.turing@example.com',
            },
            start: shiftEnd,
            end: iso(NOW.plus({ days: 9 })),
          },
        ],
      },
    ],
    incidentCommander: {
      schedule: { id: 'sre', name: 'sre_ic_schedule', timezone: 'UTC' },
      levels: [
        {
          role: 'primary',
          afterMinutes: 0,
          responders: [
            {
              name: 'Margaret Hamilton',
              email: 'margaret.hamilton@example.com',
            },
          ],
        },
      ],
      upcoming: [],
    },
    freshness: fresh,
    ...overrides,
  };
}

/** The answer for an entity no on-call team is mapped to: no rotations, no IC, resolved by name. */
export function unmappedOnCallSummary(
  notConfigured?: OnCallSummary['notConfigured'],
): OnCallSummary {
  return onCallSummary({
    rotations: [],
    incidentCommander: undefined,
    resolution: { via: 'name' },
    notConfigured,
  });
}

/** An unmapped answer whose reason (starting `reasonStart`) and annotation hint are 100 kB long. */
export function unmappedOnCallSummaryWithLongHint(reasonStart: string) {
  const reason = longValue(reasonStart);
  const hint = longValue('hint-');
  const summary = unmappedOnCallSummary({
    reason,
    annotation: { key: 'opsgenie.com/team', value: hint },
  });
  return { summary, reason, hint };
}

/** An on-call summary whose team and first schedule names are 100 kB long (see longText). */
export function onCallSummaryWithLongNames() {
  const team = longValue('team-');
  const schedule = longValue('schedule-');
  const summary = onCallSummary();
  summary.resolution.team = team;
  summary.rotations[0].schedule.name = schedule;
  return { summary, team, schedule };
}

export function incidentPage(
  overrides: Partial<IncidentPage> = {},
): IncidentPage {
  return {
    entityRef: 'component:default/payments-api',
    items: [
      {
        id: 'inc-1',
        title: 'Card payments failing in EU',
        severity: 'sev1',
        status: 'resolved',
        startedAt: iso(NOW.minus({ days: 3 })),
        acknowledgedAt: iso(NOW.minus({ days: 3 }).plus({ minutes: 4 })),
        resolvedAt: iso(NOW.minus({ days: 3 }).plus({ minutes: 95 })),
        commander: {
          name: 'Margaret Hamilton',
          email: 'margaret.hamilton@example.com',
        },
        slackChannel: {
          name: '#inc-1-card-payments',
          url: 'https://slack.example.com/archives/C1',
        },
        retrospective: {
          status: 'in_review',
          url: 'https://blameless.example.com/retro/1',
        },
        url: 'https://blameless.example.com/incidents/1',
      },
      {
        id: 'inc-2',
        title: 'Checkout latency',
        severity: 'sev3',
        status: 'investigating',
        startedAt: iso(NOW.minus({ hours: 2 })),
        url: 'https://blameless.example.com/incidents/2',
      },
    ],
    stats: {
      count: 2,
      bySeverity: { sev0: 0, sev1: 1, sev2: 0, sev3: 1 },
      mttaMinutes: 4,
      mttrMinutes: 95,
    },
    freshness: fresh,
    ...overrides,
  };
}

/** A page with no incidents in the window (zero counts), e.g. for the empty state. */
export function emptyIncidentPage(
  overrides: Partial<IncidentPage> = {},
): IncidentPage {
  return incidentPage({
    items: [],
    stats: { count: 0, bySeverity: { sev0: 0, sev1: 0, sev2: 0, sev3: 0 } },
    ...overrides,
  });
}

export function sloReport(overrides: Partial<SloReport> = {}): SloReport {
  const history = Array.from({ length: 30 }, (_, i) => ({
    date: NOW.minus({ days: 29 - i }).toISODate() ?? '',
    sli: 99.95,
    errorBudgetRemaining: 100 - i * 2,
  }));
  return {
    entityRef: 'component:default/payments-api',
    query: 'service:payments-api',
    items: [
      {
        id: 'slo-1',
        name: 'Payments API availability',
        type: 'metric',
        target: 99.9,
        timeframe: '30d',
        sli: 99.93,
        errorBudgetRemaining: 42.5,
        burnRates: { '1h': 15.2, '6h': 6.5, '3d': 0.4 },
        status: 'warning',
        url: 'https://app.datadoghq.com/slo?slo_id=slo-1',
        history,
      },
    ],
    monitors: {
      alert: 1,
      warn: 2,
      ok: 5,
      noData: 0,
      total: 8,
      url: 'https://app.datadoghq.com/monitors/manage',
    },
    freshness: fresh,
    ...overrides,
  };
}

export function myOnCall(overrides: Partial<MyOnCall> = {}): MyOnCall {
  return {
    userRef: 'user:default/guest',
    email: 'guest@example.com',
    onCallNow: [
      {
        schedule: { id: 'dp', name: 'data-platform_schedule', timezone: 'UTC' },
        team: 'data-platform',
        role: 'secondary',
        shiftEnd: iso(NOW.plus({ days: 1 })),
      },
    ],
    upcoming: [
      {
        schedule: { id: 'dp', name: 'data-platform_schedule', timezone: 'UTC' },
        team: 'data-platform',
        role: 'primary',
        responder: { name: 'Guest', email: 'guest@example.com' },
        start: iso(NOW.plus({ days: 7 })),
        end: iso(NOW.plus({ days: 14 })),
      },
    ],
    freshness: fresh,
    ...overrides,
  };
}

/** A jest-mocked OnCallApi answering with the fixtures. */
export function mockOnCallApi(
  overrides: Partial<OnCallApi> = {},
): jest.Mocked<OnCallApi> {
  return {
    getOnCall: jest.fn(async () => onCallSummary()),
    getIncidents: jest.fn(async () => incidentPage()),
    getSlos: jest.fn(async () => sloReport()),
    getHealth: jest.fn(async () => onCallHealth()),
    getMyLastShift: jest.fn(async () => myLastShift()),
    pageOnCall: jest.fn(async () => ({
      requestId: 'req-42',
      team: 'payments-team',
    })),
    getMyOnCall: jest.fn(async () => myOnCall()),
    createCalendarSubscription: jest.fn(async () => ({
      url: 'http://localhost:7007/api/oncall/me/calendar.ics?token=secret-1',
    })),
    revokeCalendarSubscription: jest.fn(async () => {}),
    getCoverage: jest.fn(async () => ({
      items: [],
      summary: { mapped: 0, inherited: 0, 'by-name': 0, missing: 0 },
    })),
    ...overrides,
  } as jest.Mocked<OnCallApi>;
}
