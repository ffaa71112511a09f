import { Random } from '../random';
import { DAY, HOUR } from '../time';
import { AlertKind, isUrgent, kindsOfDay } from './checks';
import { MAX_PAGE_LIFETIME, PageContext } from './context';
import { dayCounts } from './counts';
import { Draft, draftDay } from './drafts';
import { pageId, pageTinyId } from './ids';
import { OnCallWindow, TeamPaging } from './paging';
import { respond } from './response';
import { SandboxPage } from './types';
import { isSleepHour } from './zoneClock';

function noisyKind(
  noisy: NonNullable<TeamPaging['profile']['noisy']>,
): AlertKind {
  return {
    alias: noisy.alias,
    message: noisy.message,
    description: `DataDog monitor on ${noisy.service}: p95 latency above its threshold.`,
    priority: 'P3',
    source: 'Datadog',
    service: noisy.service,
    check: 'p95-latency-monitor',
  };
}

/**
 * Everything about one team's pages on one day (days since 1970-01-01 UTC), worked out from
 * the seed, the team's profile and who was on call: when each fired ({@link draftDay}), its
 * kind (one of the day's kinds not open at the time; an urgent one when it wakes someone up),
 * and its fate ({@link respond}). Sorted by creation.
 */
export function generatePagesOfDay(
  ctx: PageContext,
  paging: TeamPaging,
  day: number,
): SandboxPage[] {
  const counts = dayCounts(ctx, paging, day);
  if (
    counts.regular + counts.night + counts.noisy + counts.fixed.length ===
    0
  ) {
    return [];
  }
  const { profile, team } = paging;
  const dayStart = day * DAY;
  const window = new OnCallWindow(paging, {
    start: dayStart - HOUR,
    end: dayStart + DAY + MAX_PAGE_LIFETIME,
  });
  const random = new Random(ctx.seed, `pages:${team.id}:${day}`);
  const zoneOf = (userId: string | undefined) =>
    (userId && ctx.user(userId)?.timeZone) ||
    paging.first[0]?.timezone ||
    'UTC';
  const clockOf = (userId: string | undefined, t: number) =>
    ctx.clock.read(t, zoneOf(userId));
  const asleep = (userId: string, t: number) => isSleepHour(clockOf(userId, t));

  const drafts = draftDay({
    counts,
    dayStart,
    random,
    primaryAt: t => window.primaryAt(t),
    clockOf,
  });
  const kinds = kindsOfDay(profile, day);
  const openUntil = new Map<string, number>();
  const kindOf = (draft: Draft, primary: string | undefined): AlertKind => {
    if (draft.kind === 'noisy' && profile.noisy) {
      return noisyKind(profile.noisy);
    }
    const free = kinds.filter(k => (openUntil.get(k.alias) ?? 0) <= draft.at);
    const urgent = free.filter(k => isUrgent(k.priority));
    const wakes =
      draft.kind === 'night' ||
      (draft.kind === 'fixed' &&
        primary !== undefined &&
        asleep(primary, draft.at));
    if (wakes && urgent.length > 0) {
      return random.pick(urgent);
    }
    return random.pick(free.length > 0 ? free : kinds);
  };

  return drafts.map((draft, rank): SandboxPage => {
    const at = draft.at;
    const primary = window.primaryAt(at);
    const kind = kindOf(draft, primary);
    const integration = ctx.integration(kind.source);
    const fate = respond(
      draft,
      {
        primary,
        secondary: window.secondaryAt(at),
        members: paging.members,
        step: paging.escalation,
        firstLevelMinutes: paging.firstLevelMinutes,
        escalationRate: profile.escalationRate,
        asleep,
        username: id => ctx.user(id)?.email ?? id,
      },
      integration.name,
      random,
    );
    openUntil.set(kind.alias, fate.closed.at);
    return {
      id: pageId(ctx.seedKey, day, paging.index, rank),
      tinyId: pageTinyId(day, paging.index, rank),
      alias: kind.alias,
      message: kind.message,
      description: kind.description,
      priority: kind.priority,
      tags: [`service:${kind.service}`, `team:${team.name}`, 'env:prod'],
      entity: kind.service,
      source: integration.name,
      integration,
      details: { service: kind.service, check: kind.check },
      teamId: team.id,
      responders: [{ type: 'team', id: team.id }],
      createdAt: at,
      ...fate,
    };
  });
}
