import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { severityLabelOf, severityLevelOf } from '../blameless/severities';
import { servicesOf } from '../blameless/serialize';
import { IncidentContext, buildIncident } from '../org/incidents';
import { OrgIndex } from '../org/orgIndex';
import { hexIdFor } from '../org/random';
import { participantAt } from '../org/rotation';
import { iso } from '../org/time';
import { DemoIncident, DemoIncidentStatus } from '../org/types';

/** Statuses as the control API spells them. @public */
export type LiveIncidentStatus =
  | 'investigating'
  | 'identified'
  | 'monitoring'
  | 'resolved';

/** Blameless's status of each control API status. */
export const BLAMELESS_STATUS: Record<LiveIncidentStatus, DemoIncidentStatus> =
  {
    investigating: 'INVESTIGATING',
    identified: 'IDENTIFIED',
    monitoring: 'MONITORING',
    resolved: 'RESOLVED',
  };

const CONTROL_STATUS: Record<DemoIncidentStatus, LiveIncidentStatus> = {
  INVESTIGATING: 'investigating',
  IDENTIFIED: 'identified',
  MONITORING: 'monitoring',
  RESOLVED: 'resolved',
};

/** Body of `POST /__sandbox/incidents`, validated. @public */
export interface OpenIncidentInput {
  title: string;
  /** A severity label of the tenant's settings, e.g. `SEV1`. */
  severity: string;
  /** Catalog entity names of the affected Components or APIs. */
  services: string[];
}

/** Body of `PATCH /__sandbox/incidents/:id`, validated. @public */
export interface UpdateIncidentInput {
  title?: string;
  severity?: string;
  status?: DemoIncidentStatus;
}

/** How the control API shows an incident. @public */
export interface LiveIncidentSummary {
  id: number;
  title: string;
  severity: string;
  status: LiveIncidentStatus;
  services: string[];
  commander?: string;
  slackChannel: string;
  updated: string;
}

/**
 * Incidents opened and changed through the control API. They join the demo org's incidents, so
 * the Blameless fake serves them like any other: in the list (with its filters and newest-change
 * order), as a single incident and, once resolved, with a retrospective to write. Each is
 * commanded by whoever is on call in the Incident Commander rotation when it opens and gets its
 * own Slack channel; every change moves its `updated` time to the sandbox clock.
 */
export class LiveIncidents {
  readonly #index: OrgIndex;
  readonly #now: () => number;
  #nextId: number | undefined;

  constructor(options: { index: OrgIndex; now: () => number }) {
    this.#index = options.index;
    this.#now = options.now;
  }

  /** Opens an incident, `INVESTIGATING` from now on. */
  open(input: OpenIncidentInput): DemoIncident {
    const org = this.#index.org;
    const services = this.#blamelessServices(input.services);
    const severity = this.#level(input.severity);
    const now = this.#now();
    const id = this.#allocateId();
    const incident = buildIncident(this.#context(now), id, {
      service: services[0],
      created: now,
      status: 'INVESTIGATING',
      severity,
      title: input.title,
    });
    if (services.length > 1) {
      incident.additionalServices = services.slice(1);
    }
    this.#index.incidentsById.set(id, incident);
    place(org.incidents, incident);
    return incident;
  }

  /**
   * Changes an incident's title, severity or status (any incident of the org, the generated
   * ones too). A resolved incident cannot be reopened.
   */
  update(idParam: string, input: UpdateIncidentInput): DemoIncident {
    const incident = /^\d{1,15}$/.test(idParam)
      ? this.#index.incidentsById.get(Number(idParam))
      : undefined;
    if (!incident) {
      throw new NotFoundError(`No incident with id ${idParam}`);
    }
    if (
      incident.status === 'RESOLVED' &&
      input.status !== undefined &&
      input.status !== 'RESOLVED'
    ) {
      throw new ConflictError(
        `Incident ${incident.id} is resolved and cannot be reopened; open a new one`,
      );
    }
    const now = Math.max(this.#now(), incident.updated);
    let changed = false;
    if (input.title !== undefined && input.title !== incident.title) {
      incident.title = input.title;
      changed = true;
    }
    if (input.severity !== undefined) {
      const level = this.#level(input.severity);
      if (level !== incident.severity) {
        incident.severity = level;
        if (!incident.retrospective) {
          incident.postmortemRequired = level <= 2;
        }
        changed = true;
      }
    }
    if (input.status !== undefined && input.status !== incident.status) {
      this.#transition(incident, input.status, now);
      changed = true;
    }
    if (changed) {
      incident.updated = now;
      place(this.#index.org.incidents, incident);
    }
    return incident;
  }

  /** The control API's view of an incident. */
  summary(incident: DemoIncident): LiveIncidentSummary {
    const commander = this.#index.usersById.get(incident.commanderUserId);
    return {
      id: incident.id,
      title: incident.title,
      severity: severityLabelOf(incident.severity),
      status: CONTROL_STATUS[incident.status],
      services: servicesOf(incident),
      ...(commander ? { commander: commander.email } : {}),
      slackChannel: incident.slackChannel.name,
      updated: iso(incident.updated),
    };
  }

  /** Status timestamps as the generated incidents carry them. */
  #transition(
    incident: DemoIncident,
    status: DemoIncidentStatus,
    now: number,
  ): void {
    incident.status = status;
    if (status !== 'INVESTIGATING') {
      incident.acknowledgedAt ??= now;
    }
    if (status !== 'RESOLVED') {
      return;
    }
    incident.resolvedAt = now;
    incident.endOfCustomerImpact = now;
    if (incident.postmortemRequired && !incident.retrospective) {
      incident.retrospective = {
        id: hexIdFor(
          this.#index.org.seed,
          'postmortem',
          String(incident.id),
        ).slice(0, 24),
        state: 'NOT_STARTED',
        created: now,
        updated: now,
        summary: '',
        rootCause: '',
      };
    }
  }

  /** Blameless service names of catalog entities, in order, each once. */
  #blamelessServices(entityNames: string[]): string[] {
    const services = this.#index.org.services;
    const names = entityNames.map((name, i) => {
      const service = services.find(s => s.name === name);
      if (!service) {
        throw new InputError(
          `services.${i}: no Component or API named '${name}' in the demo organisation`,
        );
      }
      return service.blamelessService;
    });
    return [...new Set(names)];
  }

  #level(label: string): 0 | 1 | 2 | 3 {
    const level = severityLevelOf(label);
    if (level === undefined) {
      throw new InputError(`severity: unknown severity label '${label}'`);
    }
    return level;
  }

  #allocateId(): number {
    this.#nextId ??=
      this.#index.org.incidents.reduce((max, i) => Math.max(max, i.id), 1000) +
      1;
    const id = this.#nextId;
    this.#nextId += 1;
    return id;
  }

  #context(now: number): IncidentContext {
    const org = this.#index.org;
    return {
      seed: org.seed,
      now,
      commanderAt: t => this.#commanderAt(t),
      reporterFor: random => random.pick(org.users).slackId,
    };
  }

  /** The user on call in the Incident Commander rotation at `t` (overrides applied). */
  #commanderAt(t: number): string {
    const org = this.#index.org;
    const schedule = this.#index.schedulesByName.get(
      org.incidentCommanderSchedule,
    );
    for (const rotation of schedule?.rotations ?? []) {
      const period = schedule && participantAt(schedule, rotation, t);
      if (period?.participant.type === 'user') {
        return period.participant.id;
      }
    }
    const team = schedule && this.#index.teamsById.get(schedule.ownerTeamId);
    return team?.members[0]?.userId ?? org.users[0].id;
  }
}

/** Puts `incident` where the list's order (newest change first, then highest id) wants it. */
function place(list: DemoIncident[], incident: DemoIncident): void {
  const at = list.indexOf(incident);
  if (at >= 0) {
    list.splice(at, 1);
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = list[mid];
    if (
      other.updated > incident.updated ||
      (other.updated === incident.updated && other.id > incident.id)
    ) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  list.splice(lo, 0, incident);
}
