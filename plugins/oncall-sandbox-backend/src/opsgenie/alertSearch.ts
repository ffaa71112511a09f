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

export function isAlertSort(value: string): value is AlertSort {
  return (ALERT_SORTS as readonly string[]).includes(value);
}

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
  from: number;
  to: number;
  teams: TeamPaging[];
  /** The created alerts that are candidates (team filter applied). */
  created: SandboxPage[];
  matches(page: SandboxPage): boolean;
  /** Whether every page of a team's day inside [from, to] matches without looking at it. */
  dayMatchesWhole(day: number): boolean;
}

function plan(sources: AlertSources, search: AlertSearch): Plan | undefined {
  const { query, now } = search;
  const window = sources.stream.windowAt(now);
  let from = Math.max(window.start, query.createdAt.min);
  let to = Math.min(window.end, query.createdAt.max);
  if (query.status === 'open') {
    from = Math.max(from, now - MAX_PAGE_LIFETIME);
  }
  if (query.updatedAt.min > Number.NEGATIVE_INFINITY) {
    from = Math.max(from, query.updatedAt.min - MAX_PAGE_LIFETIME);
  }
  to = Math.min(to, query.updatedAt.max);
  if (from > to) {
    return undefined;
  }

  const teamIds = new Set<string>();
  for (const ref of query.teams) {
    const id = sources.teamId(ref);
    if (!id) {
      return undefined;
    }
    teamIds.add(id);
  }
  if (teamIds.size > 1) {
    return undefined;
  }
  const [teamId] = [...teamIds];
  const teams =
    teamId === undefined
      ? [...sources.stream.teams]
      : sources.stream.teams.filter(t => t.team.id === teamId);
  const created = sources.created.filter(
    p => teamId === undefined || p.teamId === teamId,
  );

  const stateless = (page: SandboxPage) =>
    page.createdAt >= from &&
    page.createdAt <= to &&
    (query.priority === undefined || page.priority === query.priority) &&
    (query.alias === undefined || page.alias === query.alias) &&
    (query.tinyId === undefined || page.tinyId === query.tinyId) &&
    query.tags.every(tag => page.tags.includes(tag)) &&
    query.message.every(word => page.message.toLowerCase().includes(word));
  const needsState =
    query.status !== undefined ||
    query.acknowledged !== undefined ||
    query.updatedAt.min > Number.NEGATIVE_INFINITY ||
    query.updatedAt.max < Number.POSITIVE_INFINITY;
  const matches = (page: SandboxPage) => {
    if (!stateless(page)) {
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
  return { from, to, teams, created, matches, dayMatchesWhole };
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
function matchesOfDay(
  sources: AlertSources,
  p: Plan,
  day: number,
  createdByDay: Map<number, SandboxPage[]>,
): SandboxPage[] {
  const pages: SandboxPage[] = [];
  for (const team of p.teams) {
    for (const page of sources.stream.day(team, day)) {
      if (p.matches(page)) pages.push(page);
    }
  }
  for (const page of createdByDay.get(day) ?? []) {
    if (p.matches(page)) pages.push(page);
  }
  return pages;
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
  const p = plan(sources, search);
  if (!p) {
    return { total: 0, pages: [] };
  }
  const createdByDay = new Map<number, SandboxPage[]>();
  for (const page of p.created) {
    const day = dayOf(page.createdAt);
    createdByDay.set(day, [...(createdByDay.get(day) ?? []), page]);
  }
  const compare = comparator(search.sort, search.order, search.now);
  const first = dayOf(p.from);
  const last = dayOf(p.to);
  const want = search.offset + search.limit;

  if (search.sort === 'createdAt') {
    const days: number[] = [];
    for (let d = first; d <= last; d++) days.push(d);
    if (search.order === 'desc') days.reverse();
    let total = 0;
    const pages: SandboxPage[] = [];
    for (const day of days) {
      let count = 0;
      for (const team of p.teams) {
        count += countDay(sources.stream, p, team, day);
      }
      for (const page of createdByDay.get(day) ?? []) {
        if (p.matches(page)) count++;
      }
      if (count > 0 && total + count > search.offset && total < want) {
        const sorted = matchesOfDay(sources, p, day, createdByDay).sort(
          compare,
        );
        const start = Math.max(0, search.offset - total);
        pages.push(...sorted.slice(start, start + search.limit - pages.length));
      }
      total += count;
    }
    return { total, pages: pages.slice(0, search.limit) };
  }

  let best: SandboxPage[] = [];
  let total = 0;
  for (let d = first; d <= last; d++) {
    const matches = matchesOfDay(sources, p, d, createdByDay);
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
