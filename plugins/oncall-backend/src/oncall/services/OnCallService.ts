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
} from '@oncall-for-backstage/plugin-oncall-common';
import { SyncStateStore } from '../../database/SyncStateStore';
import { EntityLoader } from '../../lib/EntityLoader';
import { EntityParams } from '../../lib/entityParams';
import { buildFreshness } from '../../lib/freshness';
import { isVendorError } from '../../lib/VendorError';
import { PagingBusyError } from '../paging/errors';
import { pageDedupKey } from '../paging/idempotency';
import { OnCallProvider } from '../OnCallProvider';
import {
  brokenMapping,
  missingSchedules,
  missingTeam,
} from '../resolution/brokenMapping';
import {
  GroupLoader,
  OwnerResolver,
  Resolution,
  Resolved,
} from '../resolution/OwnerResolver';
import { OnCallStore } from '../OnCallStore';
import { DIRECTORY_SCOPE, OnCallSync, teamScope } from '../OnCallSync';
import { RotationCoverage } from './RotationCoverage';
import { RotationReader } from './RotationReader';
import { capEcho, capEchoList } from '../../lib/echo';

/** How long a caller's view of an owner Group is reused. */
const GROUP_CACHE_TTL_MS = 10_000;

type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

const HORIZON_MS = 14 * 24 * 60 * 60 * 1000;
const SECONDARY = /secondary/i;
const PAGE_POLL_MS = 3000;
/** What a refused page suggests when paging's share of the vendor API is full. */
const BUSY_RETRY_AFTER_SECONDS = 5;

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
  readonly #refresher: OnCallSync;
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
    refresher: OnCallSync;
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
      broken: 0,
    };
    const resolved = new Map<Entity, Resolution>();
    for (const entity of entities) {
      resolved.set(entity, await this.#resolver.resolve(entity, loadGroup));
    }
    const known = await this.#knownNames([...resolved.values()]);
    const items: CoverageEntry[] = [];
    for (const [entity, resolution] of resolved) {
      const entry = coverageEntry(entity, resolution, known);
      summary[entry.state]++;
      items.push(entry);
    }
    items.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    return { items, summary, freshness: await this.#freshness([]) };
  }

  /**
   * Raises an Opsgenie alert for the entity's team and follows the request briefly. With an
   * idempotency key, a retry folds into the alert the first attempt raised.
   */
  async page(
    params: EntityParams,
    body: PageRequest,
    credentials: Credentials,
    options: { idempotencyKey?: string } = {},
  ): Promise<PageResponse & { entityRef: string }> {
    const entity = await this.#entities.load(params, credentials);
    const entityRef = stringifyEntityRef(entity);
    const resolution = await this.#resolver.resolve(
      entity,
      this.#groupLoader(credentials),
    );
    const team = await this.#teamToPage(entityRef, resolution);
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
        dedupKey: pageDedupKey(
          { caller: who, entityRef, idempotencyKey: options.idempotencyKey },
          randomUUID,
        ),
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
        (await this.#refresher.hasTeam(resolution.team)) === false
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
    const team = (await this.#rotations.forTeam(undefined, schedules))?.team;
    if (!team) {
      const found = new Set(
        (await this.#store.findSchedulesByName(schedules)).map(s =>
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

  /**
   * The team and schedule names (lower-cased) the on-call tool has, as far as the mappings
   * need them; undefined while the team list was never read (nothing can be called broken).
   */
  async #knownNames(
    resolutions: Resolution[],
  ): Promise<{ teams: Set<string>; schedules: Set<string> } | undefined> {
    if (!(await this.#refresher.directoryKnown())) {
      return undefined;
    }
    const pinned = new Set<string>();
    for (const r of resolutions) {
      for (const name of (r.resolved && r.schedules) || []) {
        pinned.add(name);
      }
    }
    const lower = (name: string) => name.toLocaleLowerCase('en-US');
    return {
      teams: new Set((await this.#store.listTeams()).map(t => lower(t.name))),
      schedules: new Set(
        (await this.#store.findSchedulesByName([...pinned])).map(s =>
          lower(s.name),
        ),
      ),
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

function coverageEntry(
  entity: Entity,
  resolution: Resolution,
  known: { teams: Set<string>; schedules: Set<string> } | undefined,
): CoverageEntry {
  const entityRef = stringifyEntityRef(entity);
  const kind = entity.kind;
  if (!resolution.resolved) {
    return {
      entityRef,
      kind,
      state: 'missing',
      groupRef: resolution.groupRef,
      reason: resolution.reason,
      fix: `${resolution.reason} Add the annotation "${
        resolution.annotation
      }" to ${
        resolution.groupRef ?? entityRef
      }, or map the Group in oncall.teamMappings.`,
    };
  }
  const broken = known && brokenMapping(resolution, entityRef, known);
  if (broken) {
    return {
      entityRef,
      kind,
      state: 'broken',
      team: resolution.team
        ? capEcho(resolution.team)
        : resolution.schedules && capEchoList(resolution.schedules).join(', '),
      groupRef: resolution.groupRef,
      reason: broken.reason,
      fix: broken.fix,
    };
  }
  const state = coverageState(resolution.via);
  return {
    entityRef,
    kind,
    state,
    team:
      resolution.team !== undefined
        ? capEcho(resolution.team)
        : resolution.schedules && capEchoList(resolution.schedules).join(', '),
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
