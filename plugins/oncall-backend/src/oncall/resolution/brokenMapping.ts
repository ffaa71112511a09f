import {
  OPSGENIE_SCHEDULE_ANNOTATION,
  OPSGENIE_TEAM_ANNOTATION,
} from '@oncall-for-backstage/plugin-oncall-common';
import { capEcho, capEchoList } from '../../lib/echo';
import { Resolved } from './OwnerResolver';

/** A mapping that names a team or schedules the on-call tool does not have. */
export interface BrokenMapping {
  /** e.g. `opsgenie.com/team 'x' names no Opsgenie team (on group:default/payments)`. */
  reason: string;
  /** What to change. */
  fix: string;
}

/** Where the mapping was written, for messages. */
function mappedOn(resolution: Resolved, entityRef: string): string {
  return resolution.groupRef ?? entityRef;
}

/** The mapping's team does not exist in the on-call tool. */
export function missingTeam(
  resolution: Resolved,
  team: string,
  entityRef: string,
): BrokenMapping {
  const on = mappedOn(resolution, entityRef);
  const shown = capEcho(team);
  if (resolution.mappedBy === 'config') {
    return {
      reason: `oncall.teamMappings maps ${on} to '${shown}', which names no Opsgenie team`,
      fix: `Change the oncall.teamMappings entry of ${on} to the name of an Opsgenie team.`,
    };
  }
  return {
    reason: `${OPSGENIE_TEAM_ANNOTATION} '${shown}' names no Opsgenie team (on ${on})`,
    fix: `Set ${OPSGENIE_TEAM_ANNOTATION} on ${on} to the name of an Opsgenie team.`,
  };
}

/** Schedules pinned by annotation that do not exist in the on-call tool. */
export function missingSchedules(
  resolution: Resolved,
  schedules: string[],
  entityRef: string,
): BrokenMapping {
  const on = mappedOn(resolution, entityRef);
  const names = capEchoList(schedules)
    .map(s => `'${s}'`)
    .join(', ');
  return {
    reason: `${OPSGENIE_SCHEDULE_ANNOTATION} ${names} names no Opsgenie schedule (on ${on})`,
    fix: `Set ${OPSGENIE_SCHEDULE_ANNOTATION} on ${on} to the names of Opsgenie schedules.`,
  };
}

/**
 * Checks a resolved mapping against the team and schedule names the on-call tool has
 * (lower-cased). A team found by its name exists by definition.
 */
export function brokenMapping(
  resolution: Resolved,
  entityRef: string,
  known: { teams: Set<string>; schedules: Set<string> },
): BrokenMapping | undefined {
  const team = resolution.team;
  if (
    team &&
    resolution.mappedBy !== 'name' &&
    !known.teams.has(team.toLocaleLowerCase('en-US'))
  ) {
    return missingTeam(resolution, team, entityRef);
  }
  const absent = (resolution.schedules ?? []).filter(
    s => !known.schedules.has(s.toLocaleLowerCase('en-US')),
  );
  return absent.length > 0
    ? missingSchedules(resolution, absent, entityRef)
    : undefined;
}
