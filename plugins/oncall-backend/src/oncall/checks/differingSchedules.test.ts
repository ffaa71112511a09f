import { OnCallRecipient } from '../OnCallProvider';
import { StoredPeriod } from '../OnCallStore';
import { differingSchedules } from './differingSchedules';

const at = new Date('2026-11-30T09:00:00Z');
const user = (name: string): OnCallRecipient => ({
  type: 'user',
  id: name,
  name,
});

function period(
  scheduleId: string,
  recipient: OnCallRecipient,
  start: string,
  end: string,
): StoredPeriod {
  return {
    scheduleId,
    rotationId: 'r1',
    rotationName: 'primary',
    start: new Date(start),
    end: new Date(end),
    recipient,
    override: false,
  };
}

describe('differingSchedules', () => {
  const stored = [
    // ana hands over to ben at 09:00 sharp: at 09:00 ben is on call
    period('s1', user('ana'), '2026-11-23T09:00:00Z', '2026-11-30T09:00:00Z'),
    period('s1', user('ben'), '2026-11-30T09:00:00Z', '2026-12-07T09:00:00Z'),
    period(
      's2',
      { type: 'team', id: 't2', name: 'sre' },
      '2026-11-30T00:00:00Z',
      '2026-12-01T00:00:00Z',
    ),
    period('s2', user('cem'), '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'),
  ];
  const checked = new Set(['s1', 's2', 's3']);

  it('finds nothing when the vendor names the same recipients, in any order', () => {
    expect(
      differingSchedules({
        vendor: [
          { scheduleId: 's1', recipients: [user('ben')] },
          {
            scheduleId: 's2',
            recipients: [user('cem'), { type: 'team', id: 't2', name: 'sre' }],
          },
        ],
        stored,
        at,
        checked,
      }),
    ).toEqual(new Set());
  });

  it('finds a schedule with an override, one whose handoff moved, and one with nobody stored', () => {
    expect(
      differingSchedules({
        vendor: [
          { scheduleId: 's1', recipients: [user('ana')] },
          { scheduleId: 's2', recipients: [user('cem'), user('dan')] },
          { scheduleId: 's3', recipients: [user('eve')] },
        ],
        stored,
        at,
        checked,
      }),
    ).toEqual(new Set(['s1', 's2', 's3']));
  });

  it('leaves out schedules not checked, disabled ones, and recipients of no known kind', () => {
    expect(
      differingSchedules({
        vendor: [
          {
            scheduleId: 's1',
            recipients: [user('ben'), { type: 'other', name: 'none' }],
          },
          { scheduleId: 's2', enabled: false, recipients: [] },
          { scheduleId: 's9', recipients: [user('zoe')] },
        ],
        stored,
        at,
        checked,
      }),
    ).toEqual(new Set());
  });
});
