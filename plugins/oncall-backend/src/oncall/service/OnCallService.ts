import { TtlCache } from '../../lib/TtlCache';
import { randomUUID } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CoverageEntry,
  CoverageReport,
  CoverageState,
  Freshness,
  MyOnCall,
  OnCallSummary,
  PageRequest,
  PageResponse,
  RotationDocument,
  RotationDocumentPage,
} from '@internal/plugin-oncall-common';
import { SyncStateStore } from '../../database/SyncStateStore';
import { EntityLoader } from '../../lib/EntityLoader';
import { EntityParams } from '../../lib/entityParams';
import { buildFreshness } from '../../lib/freshness';
import { isVendorError } from '../../lib/VendorError';
import { OnCallProvider } from '../provider/OnCallProvider';
import {
  GroupLoader,
  OwnerResolver,
  Resolution,
  Resolved,
} from '../resolution/OwnerResolver';
import { OnCallStore } from '../store/OnCallStore';
import {
  DIRECTORY_SCOPE,
  OnCallRefresher,
  teamScope,
} from '../sync/OnCallRefresher';
import { RotationCoverage } from './RotationCoverage';
import { RotationReader } from './RotationReader';

/** How long a caller's view of an owner Group is reused. */
const GROUP_CACHE_TTL_MS = 10_000;

type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

const HORIZON_MS = 14 * 24 * 60 * 60 * 1000;
const SECONDARY = /secondary/i;
const PAGE_POLL_MS = 3000;

/** Answers the on-call routes from the store. */
export class OnCallService {
  readonly #entities: EntityLoader;
  readonly #catalog: CatalogService;
  readonly #userInfo: UserInfoService;
  readonly #auth: AuthService;
  readonly #resolver: OwnerResolver;
  readonly #rotations: RotationReader;
  readonly #store: OnCallStore;
  readonly #syncState: SyncStateStore;
  readonly #refresher: OnCallRefresher;
  readonly #provider: OnCallProvider;
  readonly #teamMappings: Map<string, string>;
  readonly #incidentCommanderSchedule?: string;
  readonly #staleAfterMs: number;
  readonly #now: () => Date;
  readonly #groups = new TtlCache<Entity | undefined>({
    ttlMs: GROUP_CACHE_TTL_MS,
    maxEntries: 10_000,
  });

  constructor(options: {
    entities: EntityLoader;
    catalog: CatalogService;
    userInfo: UserInfoService;
    auth: AuthService;
    resolver: OwnerResolver;
    rotations: RotationReader;
    store: OnCallStore;
    syncState: SyncStateStore;
    refresher: OnCallRefresher;
    provider: OnCallProvider;
    teamMappings: Map<string, string>;
    incidentCommanderSchedule?: string;
    staleAfterMs: number;
    now?: () => Date;
  }) {
    this.#entities = options.entities;
    this.#catalog = options.catalog;
    this.#userInfo = options.userInfo;
    this.#auth = options.auth;
    this.#resolver = options.resolver;
    this.#rotations = options.rotations;
    this.#store = options.store;
    this.#syncState = options.syncState;
    this.#refresher = options.refresher;
    this.#provider = options.provider;
    this.#teamMappings = options.teamMappings;
    this.#incidentCommanderSchedule = options.incidentCommanderSchedule;
    this.#staleAfterMs = options.staleAfterMs;
    this.#now = options.now ?? (() => new Date());
  }

  /** Who is on call for an entity, how pages escalate, and the Incident Commander. */
  async getSummary(
    params: EntityParams,
    credentials: Credentials,
  ): Promise<OnCallSummary> {
    const entity = await this.#entities.load(params, credentials);
    const entityRef = stringifyEntityRef(entity);
    const resolution = await this.#resolver.resolve(
      entity,
      this.#groupLoader(credentials),
    );
    const incidentCommander = await this.#incidentCommander();
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
        freshness: await this.#freshness([]),
      };
    }
    const read = await this.#rotations.forTeam(
      resolution.team,
      resolution.schedules,
    );
    const team = read?.team ?? resolution.team;
    const freshness = await this.#freshness(team ? [team] : []);
    const summary: OnCallSummary = {
      entityRef,
      resolution: {
        via: resolution.via,
        groupRef: resolution.groupRef,
        team,
        schedules: resolution.schedules,
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
          ? `Opsgenie has no schedule named ${resolution.schedules.join(', ')}.`
          : `Opsgenie has no team named ${resolution.team}.`,
        annotation: `opsgenie.com/team: <opsgenie team name>`,
      };
    }
    return summary;
  }

  /** The signed-in user's shifts now and in the next 14 days, matched by email. */
  async getMyOnCall(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<MyOnCall> {
    const { userEntityRef } = await this.#userInfo.getUserInfo(credentials);
    const user = await this.#catalog.getEntityByRef(userEntityRef, {
      credentials,
    });
    const profile = user?.spec?.profile;
    const email =
      profile &&
      typeof profile === 'object' &&
      'email' in profile &&
      typeof profile.email === 'string'
        ? profile.email
        : undefined;
    await this.#refresher.ensureDirectory();
    const freshness = await this.#freshness(undefined);
    if (!email) {
      return {
        userRef: userEntityRef,
        onCallNow: [],
        upcoming: [],
        notice: user
          ? `${userEntityRef} has no spec.profile.email, so no Opsgenie shifts can be matched.`
          : `${userEntityRef} is not in the catalog, so no Opsgenie shifts can be matched.`,
        freshness,
      };
    }
    await this.#warmAllTeams();
    const now = this.#now();
    const periods = await this.#store.getPeriodsForRecipient(
      email,
      now,
      new Date(now.getTime() + HORIZON_MS),
    );
    const schedules = new Map(
      (
        await this.#store.getSchedulesByIds([
          ...new Set(periods.map(p => p.scheduleId)),
        ])
      ).map(s => [s.id, s]),
    );
    const users = await this.#store.getUsers([email]);
    const name = users[0]?.fullName ?? email;
    const result: MyOnCall = {
      userRef: userEntityRef,
      email,
      onCallNow: [],
      upcoming: [],
      freshness,
    };
    for (const period of periods) {
      const schedule = schedules.get(period.scheduleId);
      if (!schedule) {
        continue;
      }
      const info = {
        id: schedule.id,
        name: schedule.name,
        timezone: schedule.timezone,
        url: this.#provider.scheduleUrl(schedule),
      };
      const role = SECONDARY.test(period.rotationName)
        ? 'secondary'
        : 'primary';
      const team = schedule.ownerTeam?.name;
      if (period.start <= now && now < period.end) {
        result.onCallNow.push({
          schedule: info,
          team,
          role,
          shiftEnd: period.end.toISOString(),
        });
      }
      result.upcoming.push({
        schedule: info,
        team,
        role,
        rotation: period.rotationName,
        responder: { name, email, shiftEnd: period.end.toISOString() },
        start: (period.start < now ? now : period.start).toISOString(),
        end: period.end.toISOString(),
      });
    }
    return result;
  }

  /** Every Component and Group with how (or whether) it maps to an on-call team. */
  async getCoverage(credentials: Credentials): Promise<CoverageReport> {
    await this.#refresher.ensureDirectory();
    const groups = new Map<string, Entity>();
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : { filter: { kind: ['Component', 'Group'] }, limit: 500 },
        { credentials },
      );
      for (const entity of page.items) {
        entities.push(entity);
        if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
          groups.set(stringifyEntityRef(entity), entity);
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    const fallback = this.#groupLoader(credentials);
    const loadGroup: GroupLoader = async ref =>
      groups.get(ref) ?? fallback(ref);
    const summary: Record<CoverageState, number> = {
      mapped: 0,
      inherited: 0,
      'by-name': 0,
      missing: 0,
    };
    const items: CoverageEntry[] = [];
    for (const entity of entities) {
      const entry = coverageEntry(
        entity,
        await this.#resolver.resolve(entity, loadGroup),
      );
      summary[entry.state]++;
      items.push(entry);
    }
    items.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    return { items, summary, freshness: await this.#freshness([]) };
  }

  /** Raises an Opsgenie alert for the entity's team and follows the request briefly. */
  async page(
    params: EntityParams,
    body: PageRequest,
    credentials: Credentials,
  ): Promise<PageResponse & { entityRef: string }> {
    const entity = await this.#entities.load(params, credentials);
    const entityRef = stringifyEntityRef(entity);
    const resolution = await this.#resolver.resolve(
      entity,
      this.#groupLoader(credentials),
    );
    let team = resolution.resolved ? resolution.team : undefined;
    if (resolution.resolved && !team && resolution.schedules) {
      team = (await this.#rotations.forTeam(undefined, resolution.schedules))
        ?.team;
    }
    if (!team) {
      throw new ConflictError(
        `No on-call team is mapped for ${entityRef}; nobody can be paged.`,
      );
    }
    const who =
      credentials.principal.type === 'user'
        ? credentials.principal.userEntityRef
        : credentials.principal.subject;
    try {
      const { requestId } = await this.#provider.createAlert({
        message: body.message,
        description: body.description,
        priority: body.priority,
        team,
        dedupKey: `backstage-page-${randomUUID()}`,
        entity: entityRef,
        user: who,
        source: 'Backstage',
        tags: ['backstage'],
      });
      const status = await this.#provider
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
      if (isVendorError(error)) {
        throw new ServiceUnavailableError(
          `Opsgenie did not accept the page: ${error.message}`,
        );
      }
      throw error;
    }
  }

  /** Rotations with the people on call now by role, for the search collator. */
  async collateRotations(
    cursor: string | undefined,
    limit: number,
  ): Promise<RotationDocumentPage> {
    await this.#refresher.ensureDirectory();
    const schedules = await this.#store.listSchedulesPage(cursor, limit);
    const groupOfTeam = await this.#groupRefsByTeam();
    const coverage = await RotationCoverage.load({
      catalog: this.#catalog,
      resolver: this.#resolver,
      credentials: await this.#auth.getOwnServiceCredentials(),
    });
    const items: RotationDocument[] = [];
    for (const schedule of schedules) {
      const team = schedule.ownerTeam?.name;
      const read = await this.#rotations.forTeam(team, [schedule.name]);
      const rotation = read?.rotations[0];
      if (!rotation) {
        continue;
      }
      const responders: RotationDocument['responders'] = {
        primary: [],
        secondary: [],
        team: [],
      };
      for (const level of rotation.levels) {
        responders[level.role].push(...level.responders);
      }
      items.push({
        entityRef: team
          ? groupOfTeam.get(team.toLocaleLowerCase('en-US'))
          : undefined,
        team,
        schedule: rotation.schedule,
        responders,
        entityRefs: coverage.entityRefsOf(team, rotation.schedule.name),
      });
    }
    return {
      items,
      nextCursor:
        schedules.length === limit
          ? schedules[schedules.length - 1].id
          : undefined,
    };
  }

  /** Refreshes every team (the scheduled task). */
  async refresh(): Promise<void> {
    await this.#refresher.refreshAll();
  }

  async #incidentCommander() {
    return this.#incidentCommanderSchedule
      ? this.#rotations.forSchedule(this.#incidentCommanderSchedule)
      : undefined;
  }

  async #warmAllTeams(): Promise<void> {
    const states = await this.#syncState.list(this.#provider.id);
    if (states.some(s => s.scope.startsWith('team:') && s.asOf)) {
      return;
    }
    for (const team of await this.#store.listTeams()) {
      await this.#refresher.ensureTeam(team.name);
    }
  }

  async #freshness(teams: string[] | undefined): Promise<Freshness> {
    const all = await this.#syncState.list(this.#provider.id);
    const wanted = new Set([DIRECTORY_SCOPE, ...(teams ?? []).map(teamScope)]);
    const states =
      teams === undefined ? all : all.filter(s => wanted.has(s.scope));
    return buildFreshness(
      [{ source: this.#provider.id, states }],
      this.#now(),
      this.#staleAfterMs,
    );
  }

  async #groupRefsByTeam(): Promise<Map<string, string>> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const result = new Map<string, string>();
    for (const [groupRef, team] of this.#teamMappings) {
      result.set(team.toLocaleLowerCase('en-US'), groupRef);
    }
    let cursor: string | undefined;
    do {
      const page = await this.#catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : { filter: { kind: 'Group' }, limit: 500 },
        { credentials },
      );
      for (const group of page.items) {
        const ref = stringifyEntityRef(group);
        const annotated = group.metadata.annotations?.['opsgenie.com/team'];
        const key = (annotated ?? group.metadata.name).toLocaleLowerCase(
          'en-US',
        );
        if (annotated || !result.has(key)) {
          result.set(key, ref);
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return result;
  }

  /**
   * Reads Groups of the owner chain with the caller's credentials. A page view walks owner →
   * parents, so the answers are kept per caller for a few seconds: browsing a team's services
   * does not re-read the same Groups on every view.
   */
  #groupLoader(credentials: Credentials): GroupLoader {
    const caller =
      credentials.principal.type === 'user'
        ? credentials.principal.userEntityRef
        : `service:${credentials.principal.subject}`;
    return ref =>
      this.#groups.get(
        `${caller}|${ref}`,
        async () =>
          (await this.#catalog.getEntityByRef(ref, { credentials })) ??
          undefined,
      );
  }
}

function coverageEntry(entity: Entity, resolution: Resolution): CoverageEntry {
  const entityRef = stringifyEntityRef(entity);
  const kind = entity.kind;
  if (!resolution.resolved) {
    return {
      entityRef,
      kind,
      state: 'missing',
      groupRef: resolution.groupRef,
      fix: `${resolution.reason} Add the annotation "${
        resolution.annotation
      }" to ${
        resolution.groupRef ?? entityRef
      }, or map the Group in oncall.teamMappings.`,
    };
  }
  const state = coverageState(resolution.via);
  return {
    entityRef,
    kind,
    state,
    team: resolution.team ?? resolution.schedules?.join(', '),
    groupRef: resolution.groupRef,
    fix: coverageFix(state, resolution, entityRef),
  };
}

function coverageState(via: Resolved['via']): CoverageState {
  if (via === 'parent') {
    return 'inherited';
  }
  return via === 'name' ? 'by-name' : 'mapped';
}

function coverageFix(
  state: CoverageState,
  resolution: Resolved,
  entityRef: string,
): string | undefined {
  if (state === 'inherited') {
    return `Inherited from ${resolution.groupRef}; add opsgenie.com/team to ${
      resolution.path[0] ?? entityRef
    } if it has its own rotation.`;
  }
  if (state === 'by-name') {
    return `Matched by name; add opsgenie.com/team: ${resolution.team} to ${resolution.groupRef} to make it explicit.`;
  }
  return undefined;
}
