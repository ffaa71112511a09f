import {
  decodeTeamRead,
  encodeTeamRead,
  planTeamReads,
  rereadPhaseMs,
  teamDigest,
} from './teamReads';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const now = new Date('2026-12-31T23:58:00Z');

describe('team reads', () => {
  it('keeps a read in the 64-character watermark and reads it back', () => {
    const read = { readAt: now, digest: 'a1b2c3d4e5f60718', differed: true };
    const encoded = encodeTeamRead(read);
    expect(encoded.length).toBeLessThanOrEqual(64);
    expect(decodeTeamRead(encoded)).toEqual(read);
    expect(
      decodeTeamRead(encodeTeamRead({ ...read, differed: false })),
    ).toEqual({ ...read, differed: false });
    // a watermark written before reads were recorded counts as never read
    expect(decodeTeamRead('2026-11-30T10:00:00Z')).toBeUndefined();
    expect(decodeTeamRead(undefined)).toBeUndefined();
  });

  it('digests schedules and escalations whatever order the vendor lists them in', () => {
    const a = {
      id: 'a',
      name: 'a',
      timezone: 'UTC',
      enabled: true,
      rotations: [],
    };
    const b = { ...a, id: 'b', name: 'b' };
    expect(teamDigest([a, b], [])).toBe(teamDigest([b, a], []));
    expect(teamDigest([a, b], [])).not.toBe(
      teamDigest([a, { ...b, enabled: false }], []),
    );
  });

  it('gives every team a fixed phase inside the period, spread over it', () => {
    const phases = Array.from({ length: 500 }, (_, i) =>
      rereadPhaseMs(`team-${i}`, HOUR),
    );
    expect(phases.every(p => p >= 0 && p < HOUR)).toBe(true);
    expect(rereadPhaseMs('team-7', HOUR)).toBe(phases[7]);
    // each quarter of the hour holds about a quarter of the teams
    for (let q = 0; q < 4; q++) {
      const inQuarter = phases.filter(
        p => p >= (q * HOUR) / 4 && p < ((q + 1) * HOUR) / 4,
      ).length;
      expect(inQuarter).toBeGreaterThan(90);
      expect(inQuarter).toBeLessThan(160);
    }
  });

  describe('the plan of one run', () => {
    const digest = 'd1';
    const plan = (
      team: Partial<Parameters<typeof planTeamReads>[0]['teams'][number]>,
      at = now,
    ) =>
      planTeamReads({
        teams: [
          { name: 'payments', digest, differs: false, checked: true, ...team },
        ],
        now: at,
        rereadMs: HOUR,
        cooldownMs: 15 * MINUTE,
      });
    // a read just after the team's phase in the hour before `now`
    const phase = rereadPhaseMs('payments', HOUR);
    const slot =
      now.getTime() - ((((now.getTime() - phase) % HOUR) + HOUR) % HOUR);
    const readJustAfterSlot = new Date(slot + 1);

    it('reads a team never read, and one whose schedules changed', () => {
      expect(plan({})).toEqual([{ name: 'payments', reason: 'new' }]);
      expect(
        plan({ read: { readAt: readJustAfterSlot, digest: 'd0' } }),
      ).toEqual([{ name: 'payments', reason: 'changed' }]);
    });

    it('reads a team the checks do not cover at every run', () => {
      expect(
        plan({
          read: { readAt: new Date(now.getTime() - 1), digest },
          checked: false,
        }),
      ).toEqual([{ name: 'payments', reason: 'unchecked' }]);
    });

    it('reads a team found differing at once, unless it differed at its last read within the cool-down', () => {
      const read = { readAt: readJustAfterSlot, digest };
      expect(plan({ read, differs: true })).toEqual([
        { name: 'payments', reason: 'differs' },
      ]);
      const recently = new Date(now.getTime() - 14 * MINUTE);
      const phaseSafe =
        recently.getTime() > slot ? recently : readJustAfterSlot;
      expect(
        plan({
          read: { readAt: phaseSafe, digest, differed: true },
          differs: true,
        }),
      ).toEqual(
        now.getTime() - phaseSafe.getTime() >= 15 * MINUTE
          ? [{ name: 'payments', reason: 'differs' }]
          : [],
      );
      expect(
        plan({
          read: {
            readAt: new Date(now.getTime() - 15 * MINUTE),
            digest,
            differed: true,
          },
          differs: true,
        })[0]?.reason,
      ).toBe('differs');
    });

    it('reads a current team once its phase has passed since the last read, across the year end', () => {
      expect(plan({ read: { readAt: readJustAfterSlot, digest } })).toEqual([]);
      expect(plan({ read: { readAt: new Date(slot - 1), digest } })).toEqual([
        { name: 'payments', reason: 'due' },
      ]);
      // an hour on (into the new year) the next slot has passed
      expect(
        plan(
          { read: { readAt: readJustAfterSlot, digest } },
          new Date(slot + HOUR),
        ),
      ).toEqual([{ name: 'payments', reason: 'due' }]);
    });
  });
});
