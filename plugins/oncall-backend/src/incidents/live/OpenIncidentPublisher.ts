import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  IncidentSignal,
  incidentSignalChannel,
} from '@oncall-for-backstage/plugin-oncall-common';
import { IncidentStore, StoredIncident } from '../IncidentStore';
import { IncidentEntityIndex } from './IncidentEntityIndex';

/** What one check published. */
export interface PublishResult {
  /** Entity pages told about a change. */
  signalled: string[];
  /** Every open incident the check saw. */
  open: StoredIncident[];
}

/**
 * After each incident sync, compares the open incidents in the store with those of the
 * previous check and signals every entity page touched by one that opened, changed or
 * resolved on `oncall:incidents:<entityRef>`. The first check after start signals every page
 * with an open incident (a page open across a restart re-reads what it shows).
 */
export class OpenIncidentPublisher {
  #previous = new Map<string, OpenIncidentState>();

  constructor(
    private readonly options: {
      store: IncidentStore;
      entities: IncidentEntityIndex;
      signals: SignalsService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async publishChanges(): Promise<PublishResult> {
    const open = await this.options.store.listOpen();
    const current = new Map(open.map(i => [i.id, stateOf(i)]));
    const changedServices = new Set<string>();
    for (const [id, state] of current) {
      if (this.#previous.get(id)?.fingerprint !== state.fingerprint) {
        state.services.forEach(s => changedServices.add(s));
      }
    }
    for (const [id, state] of this.#previous) {
      if (!current.has(id)) {
        state.services.forEach(s => changedServices.add(s));
      }
    }
    if (changedServices.size === 0) {
      this.#previous = current;
      return { signalled: [], open };
    }
    const index = await this.options.entities.load();
    const pages = new Set<string>();
    for (const service of changedServices) {
      index.get(service)?.forEach(ref => pages.add(ref));
    }
    const changedAt = (this.options.now?.() ?? new Date()).toISOString();
    const signalled: string[] = [];
    for (const entityRef of [...pages].sort()) {
      const openIncidents = open.filter(incident =>
        incident.services.some(s =>
          index.get(s.toLocaleLowerCase('en-US'))?.has(entityRef),
        ),
      ).length;
      await this.options.signals.publish<IncidentSignal>({
        recipients: { type: 'broadcast' },
        channel: incidentSignalChannel(entityRef),
        message: { entityRef, openIncidents, changedAt },
      });
      signalled.push(entityRef);
    }
    // only once every page was told: a failed publish is retried by the next check
    this.#previous = current;
    this.options.logger.info('Signalled a change in open incidents', {
      services: changedServices.size,
      entities: signalled.length,
    });
    return { signalled, open };
  }
}

interface OpenIncidentState {
  fingerprint: string;
  services: string[];
}

function stateOf(incident: StoredIncident): OpenIncidentState {
  const services = incident.services.map(s => s.toLocaleLowerCase('en-US'));
  return {
    services,
    fingerprint: JSON.stringify([
      incident.title,
      incident.severity,
      incident.status,
      incident.commander?.name ?? null,
      incident.slackChannel?.url ?? null,
      incident.retrospective?.status ?? null,
      [...services].sort(),
    ]),
  };
}
