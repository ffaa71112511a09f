import { MAX_PAGE_LIFETIME } from '../org/alerts/context';
import { TeamPaging } from '../org/alerts/paging';
import { PageStream, dayOf } from '../org/alerts/stream';
import { SandboxPage, pageStateAt } from '../org/alerts/types';
import { DAY } from '../org/time';
import { AlertQuery } from './alertQuery';

/** Fields List Alerts sorts by. */
export const ALERT_SORTS = [
  'createdAt',
  'updatedAt',
  'lastOccurredAt',
  'tinyId',
  'count',
  'alias',
  'message',
  'status',
  'acknowledged',
  'priority',
] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

export interface AlertSearch {
  query: AlertQuery;
  sort: AlertSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
  now: number;
}

export interface AlertSearchResult {
  /** Every match, whatever the page. */
  total: number;
  /** The matches from `offset`, at most `limit`. */
  pages: SandboxPage[];
}

/** What the search reads: the generated stream and the alerts created through the API. */
export interface AlertSources {
  stream: PageStream;
  created: SandboxPage[];
  /** The id of a team named by name or id; undefined when there is no such team. */
  teamId(ref: string): string | undefined;
}

function tinyNumber(page: SandboxPage): number {
  const n = Number(page.tinyId);
  return Number.isFinite(n) ? n : 0;
}

function sortKey(
  page: SandboxPage,
  sort: AlertSort,
  now: number,
): number | string {
  switch (sort) {
    case 'createdAt':
      return page.createdAt;
    case 'tinyId':
      return tinyNumber(page);
    case 'alias':
      return page.alias;
    case 'message':
      return page.message;
    case 'priority':
      return page.priority;
    default: {
      const state = pageStateAt(page, now);
      if (sort === 'updatedAt') return state.updatedAt;
      if (sort === 'lastOccurredAt') return state.lastOccurredAt;
      if (sort === 'count') return state.count;
      if (sort === 'status') return state.status;
      return state.acknowledged ? 1 : 0;
    }
  }
}

function comparator(sort: AlertSort, order: 'asc' | 'desc', now: number) {
  const sign = order === 'asc' ? 1 : -1;
  return (a: SandboxPage, b: SandboxPage) => {
    const x = sortKey(a, sort, now);
    const y = sortKey(b, sort, now);
    let c = 0;
    if (typeof x === 'number' && typeof y === 'number') {
      c = x - y;
    } else {
      c = String(x).localeCompare(String(y));
    }
    return (
      sign * (c || a.createdAt - b.createdAt || tinyNumber(a) - tinyNumber(b))
    );
  };
}

/** A search narrowed to creation times, teams and a predicate, with its cheap cases spelled out. */
interface Plan {
  /** Creation times of the stream's pages that can match (none when `from > to`). */
  from: number;
  to: number;
  teams: TeamPaging[];
  /** The alerts created through the API that match, by day of creation. */
  createdByDay: Map<number, SandboxPage[]>;
  /** Whether one of the stream's pages matches. */
  matches(page: SandboxPage): boolean;
  /** Whether every page of a team's day matches without looking at it. */
  dayMatchesWhole(day: number): boolean;
}

const NO_TEAM = '';

/** The one team every match is routed to: undefined for any, {@link NO_TEAM} for none. */
function teamOf(sources: AlertSources, refs: string[]): string | undefined {
  const ids = new Set<string>();
  for (const ref of refs) {
    ids.add(sources.teamId(ref) ?? NO_TEAM);
  }
  if (ids.size > 1) {
    return NO_TEAM;
  }
  return [...ids][0];
}

function plan(sources: AlertSources, search: AlertSearch): Plan {
  const { query, now } = search;
  const window = sources.stream.windowAt(now);
  const lo = Math.max(window.start, query.createdAt.min);
  const hi = Math.min(window.end, query.createdAt.max);
  const needsState =
    query.status !== undefined ||
    query.acknowledged !== undefined ||
    query.updatedAt.min > Number.NEGATIVE_INFINITY ||
    query.updatedAt.max < Number.POSITIVE_INFINITY;
  const matchesWithin = (from: number, to: number) => (page: SandboxPage) => {
    if (
      page.createdAt < from ||
      page.createdAt > to ||
      (query.priority !== undefined && page.priority !== query.priority) ||
      (query.alias !== undefined && page.alias !== query.alias) ||
      (query.tinyId !== undefined && page.tinyId !== query.tinyId) ||
      !query.tags.every(tag => page.tags.includes(tag)) ||
      !query.message.every(word => page.message.toLowerCase().includes(word))
    ) {
      return false;
    }
    if (!needsState) {
      return true;
    }
    const state = pageStateAt(page, now);
    return (
      (query.status === undefined || state.status === query.status) &&
      (query.acknowledged === undefined ||
        state.acknowledged === query.acknowledged) &&
      state.updatedAt >= query.updatedAt.min &&
      state.updatedAt <= query.updatedAt.max
    );
  };

  // the stream's pages live a few hours at most: open ones, or ones updated since a time,
  // were created shortly before (alerts created through the API stay open, so not theirs)
  let from = lo;
  if (query.status === 'open') {
    from = Math.max(from, now - MAX_PAGE_LIFETIME);
  }
  if (query.updatedAt.min > Number.NEGATIVE_INFINITY) {
    from = Math.max(from, query.updatedAt.min - MAX_PAGE_LIFETIME);
  }
  const to = Math.min(hi, query.updatedAt.max);

  const teamId = teamOf(sources, query.teams);
  const teams =
    teamId === undefined
      ? [...sources.stream.teams]
      : sources.stream.teams.filter(t => t.team.id === teamId);
  const createdMatch = matchesWithin(lo, hi);
  const createdByDay = new Map<number, SandboxPage[]>();
  for (const page of sources.created) {
    if (
      (teamId === undefined || page.teamId === teamId) &&
      createdMatch(page)
    ) {
      const day = dayOf(page.createdAt);
      createdByDay.set(day, [...(createdByDay.get(day) ?? []), page]);
    }
  }

  const onlyCreatedAt =
    query.priority === undefined &&
    query.alias === undefined &&
    query.tinyId === undefined &&
    query.tags.length === 0 &&
    query.message.length === 0 &&
    query.acknowledged === undefined &&
    query.updatedAt.min === Number.NEGATIVE_INFINITY &&
    query.updatedAt.max === Number.POSITIVE_INFINITY;
  const dayMatchesWhole = (day: number) => {
    const start = day * DAY;
    const end = start + DAY - 1;
    if (!onlyCreatedAt || start < from || end > to) {
      return false;
    }
    // every page of a day that ended long enough ago is closed
    return (
      query.status === undefined ||
      (query.status === 'closed' && end + 1 + MAX_PAGE_LIFETIME <= now)
    );
  };
  return {
    from,
    to,
    teams,
    createdByDay,
    matches: matchesWithin(from, to),
    dayMatchesWhole,
  };
}

/** Whether the stream can have matches on `day`. */
function streamDay(p: Plan, day: number): boolean {
  return p.from <= p.to && day >= dayOf(p.from) && day <= dayOf(p.to);
}

/** How many of a team's pages on `day` match, building them only when it has to. */
function countDay(
  stream: PageStream,
  p: Plan,
  team: TeamPaging,
  day: number,
): number {
  if (p.dayMatchesWhole(day)) {
    return stream.countDay(team, day);
  }
  let n = 0;
  for (const page of stream.day(team, day)) {
    if (p.matches(page)) n++;
  }
  return n;
}

/** Pages of every candidate team (and created alerts) on one day that match. */
function matchesOfDay(stream: PageStream, p: Plan, day: number): SandboxPage[] {
  const pages: SandboxPage[] = [...(p.createdByDay.get(day) ?? [])];
  if (streamDay(p, day)) {
    for (const team of p.teams) {
      for (const page of stream.day(team, day)) {
        if (p.matches(page)) pages.push(page);
      }
    }
  }
  return pages;
}

/** Every day with possible matches, oldest first. */
function daysOf(p: Plan): number[] {
  const days = new Set<number>(p.createdByDay.keys());
  if (p.from <= p.to) {
    for (let d = dayOf(p.from); d <= dayOf(p.to); d++) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}

/**
 * Runs a List Alerts search. Sorted by creation (the default, and what a sync uses), it
 * walks the days in order and builds only the days the requested page falls in: the total
 * comes from per-day counts. Other sorts look at every candidate and keep the best
 * `offset + limit`.
 */
export function searchAlerts(
  sources: AlertSources,
  search: AlertSearch,
): AlertSearchResult {
  const { stream } = sources;
  const p = plan(sources, search);
  const compare = comparator(search.sort, search.order, search.now);
  const days = daysOf(p);
  const want = search.offset + search.limit;

  if (search.sort === 'createdAt') {
    if (search.order === 'desc') days.reverse();
    let total = 0;
    const pages: SandboxPage[] = [];
    for (const day of days) {
      let count = p.createdByDay.get(day)?.length ?? 0;
      if (streamDay(p, day)) {
        for (const team of p.teams) {
          count += countDay(stream, p, team, day);
        }
      }
      if (count > 0 && total + count > search.offset && total < want) {
        const sorted = matchesOfDay(stream, p, day).sort(compare);
        const start = Math.max(0, search.offset - total);
        pages.push(...sorted.slice(start, start + search.limit - pages.length));
      }
      total += count;
    }
    return { total, pages: pages.slice(0, search.limit) };
  }

  let best: SandboxPage[] = [];
  let total = 0;
  for (const day of days) {
    const matches = matchesOfDay(stream, p, day);
    total += matches.length;
    best.push(...matches);
    if (best.length > 2 * want + 1000) {
      best = best.sort(compare).slice(0, want);
    }
  }
  best.sort(compare);
  return {
    total,
    pages: best.slice(search.offset, search.offset + search.limit),
  };
}
