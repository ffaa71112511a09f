import { StoredPeriod } from '../OnCallStore';
import { RotationInput, buildRotation } from './buildRotation';
import { levelSteps } from '../../__testUtils__/escalationSteps';
import { paymentsSchedule } from '../../__testUtils__/paymentsSchedule';

const now = new Date('2026-11-27T12:00:00Z');
const h = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const user = (name: string) => ({ type: 'user' as const, id: name, name });

function period(
  rotationId: string,
  who: string,
  start: Date,
  end: Date,
  override = false,
): StoredPeriod {
  return {
    scheduleId: 's1',
    rotationId,
    rotationName: rotationId,
    start,
    end,
    recipient: user(who),
    override,
  };
}

const team = {
  id: 't1',
  name: 'payments-team',
  members: ['ana@example.com', 'ben@example.com', 'cy.chen'],
};
const schedule = paymentsSchedule(team, [
  { id: 'primary', name: 'primary', participants: team.members.map(user) },
  { id: 'secondary', name: 'secondary', participants: team.members.map(user) },
]);
const users = new Map([
  [
    'ana@example.com',
    {
      id: 'a',
      username: 'ana@example.com',
      fullName: 'Ana Alves',
      email: 'ana@example.com',
    },
  ],
  [
    'ben@example.com',
    {
      id: 'b',
      username: 'ben@example.com',
      fullName: 'Ben Bauer',
      email: 'ben@example.com',
    },
  ],
  ['cy.chen', { id: 'c', username: 'cy.chen', fullName: 'Cy Chen' }],
]);
const policy = {
  id: 'e1',
  name: 'payments-team_escalation',
  rules: [
    {
      condition: 'if-not-acked' as const,
      notifyType: 'all' as const,
      delayMinutes: 20,
      recipient: { type: 'team' as const, id: 't1', name: 'payments-team' },
    },
    {
      condition: 'if-not-acked' as const,
      notifyType: 'default' as const,
      delayMinutes: 0,
      recipient: { type: 'schedule' as const, id: 's1' },
    },
    {
      condition: 'if-not-acked' as const,
      notifyType: 'next' as const,
      delayMinutes: 10,
      recipient: { type: 'schedule' as const, id: 's1' },
    },
  ],
};

/** The payments team's chain at `now` from `periods`, with its policy unless `input` differs. */
const paymentsRotation = (
  periods: StoredPeriod[],
  input: Partial<RotationInput> = {},
) =>
  buildRotation({
    schedule,
    team,
    escalation: policy,
    withEscalation: true,
    periods,
    users,
    now,
    ...input,
  });

describe('buildRotation', () => {
  it('maps primary, secondary (the secondary rotation) and whole team from the policy', () => {
    const rotation = paymentsRotation([
      period('primary', 'ana@example.com', h(-30), h(-1)),
      period('primary', 'ana@example.com', h(-1), h(20)),
      period('primary', 'ben@example.com', h(20), h(188)),
      period('secondary', 'ben@example.com', h(-30), h(20)),
    ]);
    expect(levelSteps(rotation, 'name')).toEqual([
      ['primary', 0, ['Ana Alves']],
      ['secondary', 10, ['Ben Bauer']],
      ['team', 20, ['Ana Alves', 'Ben Bauer', 'Cy Chen']],
    ]);
    expect(rotation.levels[0].responders[0]).toEqual({
      name: 'Ana Alves',
      email: 'ana@example.com',
      shiftEnd: h(20).toISOString(),
    });
    expect(rotation.nextHandoff).toBe(h(20).toISOString());
    expect(rotation.upcoming.map(s => [s.role, s.responder.name])).toEqual([
      ['primary', 'Ana Alves'],
      ['secondary', 'Ben Bauer'],
      ['primary', 'Ben Bauer'],
    ]);
    expect(rotation.notice).toBe('No email address known for Cy Chen.');
  });

  it('takes the next participant as secondary when the schedule has one rotation', () => {
    const rotation = paymentsRotation(
      [period('primary', 'ben@example.com', h(-1), h(5))],
      { schedule: { ...schedule, rotations: [schedule.rotations[0]] } },
    );
    expect(rotation.levels[1]).toMatchObject({
      role: 'secondary',
      responders: [{ name: 'Cy Chen' }],
    });
  });

  it('shows the primary alone with a notice when the team has no escalation policy', () => {
    const rotation = paymentsRotation(
      [period('primary', 'ana@example.com', h(-1), h(5), true)],
      { escalation: undefined },
    );
    expect(rotation.levels).toEqual([
      {
        role: 'primary',
        afterMinutes: 0,
        responders: [
          {
            name: 'Ana Alves',
            email: 'ana@example.com',
            shiftEnd: h(5).toISOString(),
          },
        ],
      },
    ]);
    expect(rotation.notice).toMatch(/no escalation policy/);
  });

  it('explains a schedule without participants instead of failing', () => {
    const rotation = paymentsRotation([], {
      schedule: {
        ...schedule,
        rotations: [{ id: 'primary', name: 'primary', participants: [] }],
      },
    });
    expect(rotation.levels[0]).toEqual({
      role: 'primary',
      afterMinutes: 0,
      responders: [],
    });
    expect(rotation.nextHandoff).toBeUndefined();
    expect(rotation.upcoming).toEqual([]);
    expect(rotation.notice).toMatch(/has no participants/);
  });

  it('says when the next shift starts when nobody is on call now', () => {
    const rotation = paymentsRotation([
      period('primary', 'ana@example.com', h(3), h(40)),
    ]);
    expect(rotation.nextHandoff).toBe(h(3).toISOString());
    expect(rotation.notice).toContain(
      `the next shift starts at ${h(3).toISOString()}`,
    );
  });
});
