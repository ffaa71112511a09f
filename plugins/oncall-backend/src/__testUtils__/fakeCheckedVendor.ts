import {
  OnCallProvider,
  OnCallVendor,
  OnCallRecipient,
  OnCallSchedule,
  ScheduleOnCalls,
  TimelinePeriod,
} from '../oncall/OnCallProvider';

const WEEK = 7 * 24 * 60 * 60 * 1000;

interface Override {
  scheduleId: string;
  user: string;
  start: number;
  end: number;
}

/**
 * An on-call tool for the change-check tests: `teams` teams, each with one weekly schedule of
 * two people handing off at every epoch week, overrides on top; the timeline and the
 * who-is-on-call answers come from the same model, as a vendor's do. Counts every request.
 */
export class FakeCheckedVendor {
  readonly teams: Array<{ id: string; name: string }>;
  readonly overrides: Override[] = [];
  /** Rotation participants edited per schedule id (a rotation change in the vendor). */
  readonly edited = new Map<string, string[]>();
  /** When set, every who-is-on-call answer names this user (a lasting disagreement). */
  answerEveryoneAs?: string;
  failChecks = false;
  readonly calls = {
    listTeams: 0,
    listSchedules: 0,
    listEscalations: 0,
    listUsers: 0,
    getTeam: new Map<string, number>(),
    getTimeline: 0,
    onCallsAt: 0,
  };

  readonly #name: string;
  readonly #vendor: OnCallVendor;
  readonly #answersOnCalls: boolean;

  /**
   * `name`: the teams are `<name>-0`, `<name>-1`, …; `vendor`: the provider's id;
   * `answersOnCalls`: false for a vendor without the one-request who-is-on-call answer.
   */
  constructor(
    teams: number,
    options: {
      name?: string;
      vendor?: OnCallVendor;
      answersOnCalls?: boolean;
    } = {},
  ) {
    this.#name = options.name ?? 'team';
    this.#vendor = options.vendor ?? 'opsgenie';
    this.#answersOnCalls = options.answersOnCalls ?? true;
    this.teams = Array.from({ length: teams }, (_, i) => ({
      id: `t${i}`,
      name: `${this.#name}-${i}`,
    }));
  }

  users(scheduleId: string): string[] {
    const team = scheduleId.replace(/^s/, `${this.#name}-`);
    return (
      this.edited.get(scheduleId) ?? [
        `${team}-a@example.com`,
        `${team}-b@example.com`,
      ]
    );
  }

  /** Who covers the schedule at `t`: the override if any, else the week's rotation member. */
  whoAt(scheduleId: string, t: number): { user: string; override: boolean } {
    const override = this.overrides.find(
      o => o.scheduleId === scheduleId && o.start <= t && t < o.end,
    );
    if (override) {
      return { user: override.user, override: true };
    }
    const users = this.users(scheduleId);
    return {
      user: users[Math.floor(t / WEEK) % users.length],
      override: false,
    };
  }

  total(): number {
    const c = this.calls;
    return (
      c.listTeams +
      c.listSchedules +
      c.listEscalations +
      c.listUsers +
      [...c.getTeam.values()].reduce((a, b) => a + b, 0) +
      c.getTimeline +
      c.onCallsAt
    );
  }

  #schedules(): OnCallSchedule[] {
    return this.teams.map(team => ({
      id: `s${team.id.slice(1)}`,
      name: `${team.name}_schedule`,
      timezone: 'UTC',
      enabled: true,
      ownerTeam: team,
      rotations: [
        {
          id: 'r1',
          name: 'primary',
          participants: this.users(`s${team.id.slice(1)}`).map(name => ({
            type: 'user' as const,
            id: name,
            name,
          })),
        },
      ],
    }));
  }

  #periods(scheduleId: string, from: number, to: number): TimelinePeriod[] {
    const cuts = new Set<number>([from, to]);
    for (let w = Math.ceil(from / WEEK) * WEEK; w < to; w += WEEK) cuts.add(w);
    for (const o of this.overrides.filter(x => x.scheduleId === scheduleId)) {
      if (o.start > from && o.start < to) cuts.add(o.start);
      if (o.end > from && o.end < to) cuts.add(o.end);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    return sorted.slice(0, -1).map((start, i) => {
      const who = this.whoAt(scheduleId, start);
      return {
        rotationId: 'r1',
        rotationName: 'primary',
        start: new Date(start),
        end: new Date(sorted[i + 1]),
        recipient: { type: 'user', id: who.user, name: who.user },
        override: who.override,
      };
    });
  }

  provider(): OnCallProvider {
    const calls = this.calls;
    const recipient = (user: string): OnCallRecipient => ({
      type: 'user',
      id: user,
      name: user,
    });
    const unused = () => Promise.reject(new Error('not used by the sync'));
    const provider: OnCallProvider = {
      id: this.#vendor,
      listTeams: async () => {
        calls.listTeams++;
        return this.teams;
      },
      getTeam: async teamId => {
        calls.getTeam.set(teamId, (calls.getTeam.get(teamId) ?? 0) + 1);
        const team = this.teams.find(t => t.id === teamId)!;
        return { ...team, members: this.users(`s${teamId.slice(1)}`) };
      },
      listSchedules: async () => {
        calls.listSchedules++;
        return this.#schedules();
      },
      getTimeline: async (scheduleId, from, to) => {
        calls.getTimeline++;
        return {
          scheduleId,
          start: from,
          end: to,
          periods: this.#periods(scheduleId, from.getTime(), to.getTime()),
        };
      },
      listEscalations: async () => {
        calls.listEscalations++;
        return [];
      },
      listUsers: async () => {
        calls.listUsers++;
        return this.teams.flatMap(team =>
          this.users(`s${team.id.slice(1)}`).map(email => ({
            id: email,
            username: email,
            email,
          })),
        );
      },
      onCallsAt: async (at: Date): Promise<ScheduleOnCalls[]> => {
        calls.onCallsAt++;
        if (this.failChecks) {
          throw new Error('opsgenie answered 503');
        }
        return this.#schedules().map(s => ({
          scheduleId: s.id,
          enabled: true,
          recipients: [
            recipient(
              this.answerEveryoneAs ?? this.whoAt(s.id, at.getTime()).user,
            ),
          ],
        }));
      },
      createAlert: unused,
      getRequestStatus: unused,
      waitForRequest: unused,
      scheduleUrl: () => undefined,
    };
    if (!this.#answersOnCalls) {
      delete provider.onCallsAt;
    }
    return provider;
  }
}
