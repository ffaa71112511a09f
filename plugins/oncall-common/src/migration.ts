import { OPSGENIE_API_END_DATE, OnCallProviderType } from './providers';

/** Teams served by one configured provider. @public */
export interface MigrationProviderCount {
  providerId: string;
  provider: OnCallProviderType;
  teams: number;
}

/**
 * Where an organisation stands in its move off Opsgenie: teams per provider, how many of the
 * teams with a rotation are already off Opsgenie, and the days left until its API stops.
 *
 * @public
 */
export interface MigrationSummary {
  byProvider: MigrationProviderCount[];
  /** Teams (Groups) resolved to exactly one provider. */
  teams: number;
  /** Of those, the teams served by a tool other than Opsgenie. */
  teamsOffOpsgenie: number;
  /** Teams found in more than one provider with nothing saying which one wins. */
  ambiguous: number;
  /** Teams without any rotation. */
  missing: number;
  /** The day Opsgenie's REST API stops (`YYYY-MM-DD`, UTC). */
  opsgenieEndDate: string;
  /** Whole UTC days from today until that day; 0 on and after it. */
  daysLeft: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole UTC calendar days from the day of `now` until {@link OPSGENIE_API_END_DATE}; 0 on the
 * day itself and after it. Pass the clock in, so callers and tests decide what "today" is.
 *
 * @public
 */
export function daysUntilOpsgenieEnd(now: Date): number {
  const end = Date.parse(`${OPSGENIE_API_END_DATE}T00:00:00Z`);
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return Math.max(0, Math.round((end - today) / DAY_MS));
}

/** What {@link summarizeMigration} needs to know about one team. @public */
export interface MigrationTeam {
  /** The provider serving the team; absent when it has none or is ambiguous. */
  provider?: { providerId: string; provider: OnCallProviderType };
  ambiguous?: boolean;
}

/**
 * Counts teams per provider and off Opsgenie. Providers are listed by tool (Opsgenie, JSM
 * Operations, PagerDuty), then by id.
 *
 * @public
 */
export function summarizeMigration(
  teams: MigrationTeam[],
  now: Date,
): MigrationSummary {
  const counts = new Map<string, MigrationProviderCount>();
  let resolved = 0;
  let offOpsgenie = 0;
  let ambiguous = 0;
  let missing = 0;
  for (const team of teams) {
    if (team.ambiguous) {
      ambiguous++;
      continue;
    }
    if (!team.provider) {
      missing++;
      continue;
    }
    resolved++;
    if (team.provider.provider !== 'opsgenie') {
      offOpsgenie++;
    }
    const count = counts.get(team.provider.providerId) ?? {
      ...team.provider,
      teams: 0,
    };
    count.teams++;
    counts.set(team.provider.providerId, count);
  }
  const order: OnCallProviderType[] = ['opsgenie', 'jsm', 'pagerduty'];
  const byProvider = [...counts.values()].sort(
    (a, b) =>
      order.indexOf(a.provider) - order.indexOf(b.provider) ||
      a.providerId.localeCompare(b.providerId),
  );
  return {
    byProvider,
    teams: resolved,
    teamsOffOpsgenie: offOpsgenie,
    ambiguous,
    missing,
    opsgenieEndDate: OPSGENIE_API_END_DATE,
    daysLeft: daysUntilOpsgenieEnd(now),
  };
}
