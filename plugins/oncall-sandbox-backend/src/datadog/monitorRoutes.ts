import { AddVendorRoutes } from '../shared/vendorRoute';
import { intParam, queryOf } from '../shared/query';
import { ddError } from './envelope';
import { serializeMonitor } from './serialize';

const GROUP_STATES = new Set(['all', 'alert', 'warn', 'no data', 'ok']);

function tagList(raw: string | null): string[] {
  return (raw ?? '')
    .split(',')
    .map(t => t.trim().toLowerCase())
    .filter(Boolean);
}

/** Monitor list and get. */
export const addMonitorRoutes: AddVendorRoutes = (routes, runtime) => {
  routes.get('/api/v1/monitor', (req, res) => {
    const query = queryOf(req);
    const states = tagList(query.get('group_states'));
    if (states.some(s => !GROUP_STATES.has(s)))
      return ddError(res, 400, 'Invalid group_state filters.');
    const page = intParam(query, 'page');
    const pageSize = intParam(query, 'page_size') ?? 100;
    const idOffset = intParam(query, 'id_offset') ?? 0;
    if (page !== undefined && Number.isNaN(page))
      return ddError(res, 400, "Invalid value for parameter 'page'");
    if (Number.isNaN(pageSize) || pageSize < 1 || pageSize > 1000)
      return ddError(res, 400, "Invalid value for parameter 'page_size'");
    if (Number.isNaN(idOffset))
      return ddError(res, 400, "Invalid value for parameter 'id_offset'");
    const tags = tagList(query.get('tags'));
    const monitorTags = tagList(query.get('monitor_tags'));
    const name = (query.get('name') ?? '').toLowerCase();
    const matches = runtime.org.monitors.filter(
      m =>
        m.id > idOffset &&
        tags.every(
          t => m.tags.includes(t) || m.query.toLowerCase().includes(t),
        ) &&
        monitorTags.every(t => m.tags.includes(t)) &&
        (!name || m.name.toLowerCase().includes(name)),
    );
    const slice =
      page === undefined && !query.has('page_size')
        ? matches
        : matches.slice((page ?? 0) * pageSize, ((page ?? 0) + 1) * pageSize);
    return res.json(slice.map(serializeMonitor));
  });

  routes.get('/api/v1/monitor/:id', (req, res) => {
    const monitor = /^\d+$/.test(req.params.id)
      ? runtime.index.monitorsById.get(Number(req.params.id))
      : undefined;
    if (!monitor) return ddError(res, 404, 'Monitor not found');
    return res.json(serializeMonitor(monitor));
  });
};
