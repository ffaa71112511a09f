import { daysUntilOpsgenieEnd, summarizeMigration } from './migration';

describe('daysUntilOpsgenieEnd', () => {
  it.each([
    ['2026-11-30T00:00:00Z', 126],
    ['2026-11-29T23:59:59Z', 127],
    ['2026-12-31T23:30:00Z', 95],
    ['2027-01-01T00:00:00Z', 94],
    ['2027-03-28T01:30:00Z', 8],
    ['2027-04-04T23:59:59Z', 1],
    ['2027-04-05T00:00:00Z', 0],
    ['2027-09-01T12:00:00Z', 0],
  ])('at %s counts %i days', (now, days) => {
    expect(daysUntilOpsgenieEnd(new Date(now))).toBe(days);
  });
});

describe('summarizeMigration', () => {
  const opsgenie = { providerId: 'opsgenie', provider: 'opsgenie' as const };
  const jsm = { providerId: 'jsm', provider: 'jsm' as const };
  const pagerduty = { providerId: 'pagerduty', provider: 'pagerduty' as const };

  it('counts teams per provider and off Opsgenie, leaving ambiguous and missing teams out', () => {
    const summary = summarizeMigration(
      [
        { provider: pagerduty },
        { provider: opsgenie },
        { provider: jsm },
        { provider: opsgenie },
        { provider: jsm },
        { ambiguous: true },
        {},
      ],
      new Date('2026-11-30T09:00:00Z'),
    );
    expect(summary).toEqual({
      byProvider: [
        { ...opsgenie, teams: 2 },
        { ...jsm, teams: 2 },
        { ...pagerduty, teams: 1 },
      ],
      teams: 5,
      teamsOffOpsgenie: 3,
      ambiguous: 1,
      missing: 1,
      opsgenieEndDate: '2027-04-05',
      daysLeft: 126,
    });
  });

  it('lists two providers of the same tool by id', () => {
    const summary = summarizeMigration(
      [
        { provider: { providerId: 'opsgenie-eu', provider: 'opsgenie' } },
        { provider: { providerId: 'opsgenie-be', provider: 'opsgenie' } },
      ],
      new Date('2027-04-05T00:00:00Z'),
    );
    expect(summary.byProvider.map(p => p.providerId)).toEqual([
      'opsgenie-be',
      'opsgenie-eu',
    ]);
    expect(summary.teamsOffOpsgenie).toBe(0);
    expect(summary.daysLeft).toBe(0);
  });
});
