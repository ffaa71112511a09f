import { randomUUID } from 'node:crypto';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import {
  PageRequest,
  PageResponse,
} from '@oncall-for-backstage/plugin-oncall-common';
import { CallerCredentials } from '../../lib/credentials';
import { EntityParams } from '../../lib/entityParams';
import { isVendorError } from '../../lib/VendorError';
import { OnCallProvider } from '../OnCallProvider';
import { OnCallStore } from '../OnCallStore';
import { OnCallSync } from '../OnCallSync';
import { PagingBusyError } from '../paging/errors';
import { pageDedupKey } from '../paging/idempotency';
import { missingSchedules, missingTeam } from '../resolution/brokenMapping';
import { Resolution } from '../resolution/OwnerResolver';
import { EntityTeamReads, resolveEntityTeam } from './entityTeam';
import { RotationReader } from './RotationReader';

const PAGE_POLL_MS = 3000;
/** What a refused page suggests when paging's share of the vendor API is full. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** What {@link PagingService} is built from. */
export interface PagingServiceOptions extends EntityTeamReads {
  rotations: RotationReader;
  store: OnCallStore;
  sync: OnCallSync;
  provider: OnCallProvider;
}

/** `POST /entities/…/pages`: raises an alert for the team on call for an entity. */
export class PagingService {
  static create(options: PagingServiceOptions): PagingService {
    return new PagingService(options);
  }

  private constructor(private readonly deps: PagingServiceOptions) {}

  /**
   * Raises an Opsgenie alert for the entity's team and follows the request briefly. With an
   * idempotency key, a retry folds into the alert the first attempt raised.
   */
  async page(
    params: EntityParams,
    body: PageRequest,
    credentials: CallerCredentials,
    options: { idempotencyKey?: string } = {},
  ): Promise<PageResponse & { entityRef: string }> {
    const { entityRef, resolution } = await resolveEntityTeam(
      this.deps,
      params,
      credentials,
    );
    const team = await this.#teamToPage(entityRef, resolution);
    const who =
      credentials.principal.type === 'user'
        ? credentials.principal.userEntityRef
        : credentials.principal.subject;
    try {
      const { requestId } = await this.deps.provider.createAlert({
        message: body.message,
        description: body.description,
        priority: body.priority,
        team,
        dedupKey: pageDedupKey(
          { caller: who, entityRef, idempotencyKey: options.idempotencyKey },
          randomUUID,
        ),
        entity: entityRef,
        user: who,
        source: 'Backstage',
        tags: ['backstage'],
      });
      const status = await this.deps.provider
        .waitForRequest(requestId, PAGE_POLL_MS)
        .catch(() => ({ state: 'pending' as const }));
      return status.state === 'processed'
        ? {
            entityRef,
            requestId,
            team,
            status: status.status,
            alertId: status.alertId,
          }
        : { entityRef, requestId, team, status: 'pending' };
    } catch (error) {
      if (isVendorError(error) && error.kind === 'busy') {
        throw new PagingBusyError(
          'Opsgenie is already receiving as many pages as this portal sends at once; try again in a few seconds.',
          BUSY_RETRY_AFTER_SECONDS,
        );
      }
      if (isVendorError(error)) {
        throw new ServiceUnavailableError(
          `Opsgenie did not accept the page: ${error.message}`,
        );
      }
      throw error;
    }
  }

  /** The team a page goes to; a ConflictError when the mapping leads to no existing team. */
  async #teamToPage(
    entityRef: string,
    resolution: Resolution,
  ): Promise<string> {
    if (!resolution.resolved) {
      throw new ConflictError(
        `No on-call team is mapped for ${entityRef}; nobody can be paged.`,
      );
    }
    if (resolution.team) {
      if (
        resolution.mappedBy !== 'name' &&
        (await this.deps.sync.hasTeam(resolution.team)) === false
      ) {
        throw new ConflictError(
          `${
            missingTeam(resolution, resolution.team, entityRef).reason
          }; nobody can be paged for ${entityRef}.`,
        );
      }
      return resolution.team;
    }
    const schedules = resolution.schedules ?? [];
    const team = (await this.deps.rotations.forTeam(undefined, schedules))
      ?.team;
    if (!team) {
      const found = new Set(
        (await this.deps.store.findSchedulesByName(schedules)).map(s =>
          s.name.toLocaleLowerCase('en-US'),
        ),
      );
      const absent = schedules.filter(
        s => !found.has(s.toLocaleLowerCase('en-US')),
      );
      throw new ConflictError(
        absent.length > 0
          ? `${
              missingSchedules(resolution, absent, entityRef).reason
            }; nobody can be paged for ${entityRef}.`
          : `No Opsgenie team owns the schedules pinned for ${entityRef}; nobody can be paged.`,
      );
    }
    return team;
  }
}
