import { countsBetween, timeframeMs } from '../org/series';
import { DemoSlo } from '../org/types';
import { overallOf } from './history';
import { CREATOR, sloThreshold } from './serialize';

/** Parses `service:checkout team:payments words` into tag filters and name words. */
export function parseSearchQuery(query: string): {
  tags: string[];
  words: string[];
} {
  const tokens = query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  const tags: string[] = [];
  const words: string[] = [];
  for (const raw of tokens) {
    const token = raw.replace(/"/g, '');
    if (/^[\w.-]+:.+/.test(token)) {
      tags.push(token.toLowerCase());
    } else if (token) {
      words.push(token.toLowerCase());
    }
  }
  return { tags, words };
}

export function matchesSearch(
  slo: DemoSlo,
  q: { tags: string[]; words: string[] },
): boolean {
  return (
    q.tags.every(t => slo.tags.includes(t)) &&
    q.words.every(w => slo.name.toLowerCase().includes(w))
  );
}

const statusCache = new Map<
  string,
  ReturnType<typeof overallOf> & { indexedAt: number }
>();

/** Current status over the SLO's timeframe, cached per SLO and minute. */
export function currentStatus(slo: DemoSlo, nowMs: number) {
  const minute = Math.floor(nowMs / 60_000);
  const key = `${slo.id}:${slo.health}:${slo.episodeAt}:${minute}`;
  let status = statusCache.get(key);
  if (!status) {
    if (statusCache.size > 50_000) {
      statusCache.clear();
    }
    const to = minute * 60_000;
    status = {
      ...overallOf(
        slo,
        countsBetween(slo, to - timeframeMs(slo.timeframe), to),
      ),
      indexedAt: Math.floor(to / 1000),
    };
    statusCache.set(key, status);
  }
  return status;
}

function tagsWith(slo: DemoSlo, prefix: string) {
  return slo.tags.filter(t => t.startsWith(`${prefix}:`));
}

/** One SLO as the search endpoint returns it (JSON:API-ish, with current status). */
export function searchItem(slo: DemoSlo, nowMs: number) {
  const s = currentStatus(slo, nowMs);
  const error = s.sli === null ? 'The denominator is zero valued' : null;
  const budget = s.errorBudgetRemaining;
  return {
    data: {
      type: 'slo',
      id: slo.id,
      attributes: {
        monitor_ids: slo.type === 'monitor' ? slo.monitorIds : null,
        all_tags: slo.tags,
        thresholds: [sloThreshold(slo)],
        env_tags: tagsWith(slo, 'env'),
        groups: null,
        timeframe: slo.timeframe,
        overall_status: [
          {
            error_budget_remaining: budget,
            raw_error_budget_remaining: null,
            indexed_at: s.indexedAt,
            status: s.sli,
            span_precision: s.sli === null ? null : 2,
            error,
            target: slo.target,
            state: s.state,
            timeframe: slo.timeframe,
          },
        ],
        query: slo.query
          ? {
              metrics: null,
              numerator: slo.query.numerator,
              denominator: slo.query.denominator,
            }
          : null,
        warning_threshold: slo.warning,
        slo_type: slo.type,
        name: slo.name,
        service_tags: tagsWith(slo, 'service'),
        status: {
          error_budget_remaining: budget,
          raw_error_budget_remaining: null,
          indexed_at: s.indexedAt,
          span_precision: s.sli === null ? null : 2,
          state: s.state,
          sli: s.sli,
          calculation_error: error,
        },
        creator: { name: CREATOR.name, id: 1445416, email: CREATOR.email },
        created_at: slo.createdAt,
        modified_at: slo.createdAt,
        description: slo.description,
        team_tags: tagsWith(slo, 'team'),
        target_threshold: slo.target,
      },
    },
  };
}
