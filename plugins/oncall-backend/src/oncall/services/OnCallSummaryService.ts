import {
  OnCallSummary,
  OPSGENIE_TEAM_HINT,
} from '@oncall-for-backstage/plugin-oncall-common';
import { CallerCredentials } from '../../lib/credentials';
import { capEcho, capEchoList } from '../../lib/echo';
import { EntityParams } from '../../lib/entityParams';
import { EntityTeamReads, resolveEntityTeam } from './entityTeam';
import { OnCallFreshness } from './OnCallFreshness';
import { RotationReader } from './RotationReader';

/** What {@link OnCallSummaryService} is built from. */
export interface OnCallSummaryServiceOptions extends EntityTeamReads {
  rotations: RotationReader;
  freshness: OnCallFreshness;
  incidentCommanderSchedule?: string;
}

/** `GET /entities/…/on-call`: who is on call for an entity, how pages escalate, the IC. */
export class OnCallSummaryService {
  static create(options: OnCallSummaryServiceOptions): OnCallSummaryService {
    return new OnCallSummaryService(options);
  }

  private constructor(private readonly deps: OnCallSummaryServiceOptions) {}

  /** Who is on call for an entity, how pages escalate, and the Incident Commander. */
  async getSummary(
    params: EntityParams,
    credentials: CallerCredentials,
  ): Promise<OnCallSummary> {
    const { entityRef, resolution } = await resolveEntityTeam(
      this.deps,
      params,
      credentials,
    );
    const incidentCommander = this.deps.incidentCommanderSchedule
      ? await this.deps.rotations.forSchedule(
          this.deps.incidentCommanderSchedule,
        )
      : undefined;
    if (!resolution.resolved) {
      return {
        entityRef,
        resolution: {
          via: 'owner',
          groupRef: resolution.groupRef,
          path: resolution.path,
        },
        notConfigured: {
          reason: resolution.reason,
          annotation: resolution.annotation,
        },
        rotations: [],
        incidentCommander,
        freshness: await this.deps.freshness.of([]),
      };
    }
    const read = await this.deps.rotations.forTeam(
      resolution.team,
      resolution.schedules,
    );
    const team = read?.team ?? resolution.team;
    const freshness = await this.deps.freshness.of(team ? [team] : []);
    const summary: OnCallSummary = {
      entityRef,
      resolution: {
        via: resolution.via,
        groupRef: resolution.groupRef,
        team: team === undefined ? undefined : capEcho(team),
        schedules: resolution.schedules && capEchoList(resolution.schedules),
        path: resolution.path,
      },
      rotations: read?.rotations ?? [],
      incidentCommander,
      freshness,
    };
    const vendorFailing = freshness.sources.some(s => s.lastError);
    if (!read && !vendorFailing) {
      summary.notConfigured = {
        reason: resolution.schedules
          ? `Opsgenie has no schedule named ${capEchoList(
              resolution.schedules,
            ).join(', ')}.`
          : `Opsgenie has no team named ${capEcho(resolution.team ?? '')}.`,
        annotation: OPSGENIE_TEAM_HINT,
      };
    }
    return summary;
  }
}
