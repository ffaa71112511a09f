import { AddVendorRoutes } from '../shared/vendorRoute';
import { intParam, limitOffset, queryOf, selfUrl } from '../shared/query';
import { DAY } from '../org/time';
import { DemoMonitor } from '../org/types';
import { ddError } from './envelope';
import { metricHistory, monitorSloHistory } from './history';
import { matchesSearch, parseSearchQuery, searchItem } from './search';
import { serializeSlo } from './serialize';

const MAX_HISTORY_DAYS = 100;

/** SLO list, search, get and history. */
export const addSloRoutes: AddVendorRoutes = (routes, runtime) => {
  const { index } = runtime;

  routes.get('/api/v1/slo', (req, res) => {
    const query = queryOf(req);
    const { limit, offset } = limitOffset(query, 1000);
    if (Number.isNaN(limit) || limit < 1)
      return ddError(res, 400, "Invalid value for parameter 'limit'");
    if (Number.isNaN(offset))
      return ddError(res, 400, "Invalid value for parameter 'offset'");
    let slos = runtime.org.slos;
    const ids = (query.get('ids') ?? '')
      .split(',')
      .map(x => x.trim())
      .filter(Boolean);
    if (ids.length > 0) {
      if (new Set(ids).size !== ids.length)
        return ddError(res, 400, "All items in parameter 'ids' must be unique");
      slos = ids.map(id => index.slosById.get(id)).filter(s => s !== undefined);
      if (slos.length === 0) {
        return ddError(
          res,
          404,
          `no SLOs found for ids: [${ids
            .map(i => `'${i}'`)
            .join(', ')}] not found`,
        );
      }
    }
    const name = (query.get('query') ?? '').toLowerCase();
    const tag = (query.get('tags_query') ?? '').toLowerCase();
    const metric = query.get('metrics_query') ?? '';
    const filtered = slos.filter(
      s =>
        (!name || s.name.toLowerCase().includes(name)) &&
        (!tag || tag.split(',').every(t => s.tags.includes(t.trim()))) &&
        (!metric ||
          `${s.query?.numerator ?? ''} ${s.query?.denominator ?? ''}`.includes(
            metric,
          )),
    );
    return res.json({
      data: filtered.slice(offset, offset + limit).map(serializeSlo),
      error: null,
      metadata: {
        page: {
          total_count: runtime.org.slos.length,
          total_filtered_count: filtered.length,
        },
      },
    });
  });

  routes.get('/api/v1/slo/search', (req, res) => {
    const query = queryOf(req);
    const size = intParam(query, 'page[size]') ?? 10;
    const number = intParam(query, 'page[number]') ?? 0;
    if (Number.isNaN(size) || size < 1 || size > 1000)
      return ddError(res, 400, 'page[size] must be between 1 and 1000');
    if (Number.isNaN(number))
      return ddError(res, 400, 'page[number] must be a non-negative integer');
    const q = parseSearchQuery(query.get('query') ?? '');
    const matches = runtime.org.slos.filter(s => matchesSearch(s, q));
    const now = runtime.now();
    const last = Math.max(0, Math.ceil(matches.length / size) - 1);
    const link = (n: number) => {
      const p = new URLSearchParams(query);
      p.set('page[number]', String(n));
      p.set('page[size]', String(size));
      return selfUrl(req, p);
    };
    return res.json({
      data: {
        type: 'service_level_objective_search_results',
        attributes: {
          slos: matches
            .slice(number * size, (number + 1) * size)
            .map(s => searchItem(s, now)),
        },
      },
      meta: {
        pagination: {
          number,
          first_number: 0,
          prev_number: Math.max(0, number - 1),
          next_number: number + 1,
          last_number: last,
          size,
          type: 'number_size',
          total: matches.length,
        },
      },
      links: {
        self: selfUrl(req, query),
        last: link(last),
        next: number < last ? link(number + 1) : null,
        prev: number > 0 ? link(number - 1) : null,
        first: link(0),
      },
    });
  });

  routes.get('/api/v1/slo/:id', (req, res) => {
    const slo = index.slosById.get(req.params.id);
    if (!slo)
      return ddError(res, 404, `SLO not found: ${req.params.id} not found`);
    return res.json({ data: serializeSlo(slo), error: null });
  });

  routes.get('/api/v1/slo/:id/history', (req, res) => {
    const slo = index.slosById.get(req.params.id);
    if (!slo) return ddError(res, 404, `SLO ID: ${req.params.id} not found`);
    const query = queryOf(req);
    const from = intParam(query, 'from_ts');
    const to = intParam(query, 'to_ts');
    if (from === undefined || to === undefined) {
      return ddError(
        res,
        400,
        `Missing required parameter: ${
          from === undefined ? 'from_ts' : 'to_ts'
        }`,
      );
    }
    if (Number.isNaN(from) || Number.isNaN(to) || from >= to) {
      return ddError(
        res,
        400,
        `The timeframe is incorrect: invalid from ${query.get(
          'from_ts',
        )} or to ${query.get('to_ts')} timestamp`,
      );
    }
    if ((to - from) * 1000 > MAX_HISTORY_DAYS * DAY) {
      return ddError(
        res,
        400,
        `The timeframe is incorrect: history is limited to ${MAX_HISTORY_DAYS} days`,
      );
    }
    const now = runtime.now();
    if (slo.type === 'metric') {
      return res.json({
        data: metricHistory(slo, from, to, now),
        errors: null,
      });
    }
    const monitors = slo.monitorIds
      .map(id => index.monitorsById.get(id))
      .filter((m): m is DemoMonitor => m !== undefined);
    return res.json({
      data: monitorSloHistory(slo, monitors, from, to, now),
      errors: null,
    });
  });
};
