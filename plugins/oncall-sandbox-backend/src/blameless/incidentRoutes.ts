import { Response } from 'express';
import { AddVendorRoutes } from '../shared/vendorRoute';
import { limitOffset, queryOf } from '../shared/query';
import { DemoIncident } from '../org/types';
import { blSendError } from './envelope';
import {
  serializeIncident,
  serializePostmortem,
  servicesOf,
} from './serialize';

const MAX_LIMIT = 1000;

/** `updated_since` as epoch ms or ISO-8601 [inferred extension]; NaN when invalid. */
function parseSince(raw: string | null): number | undefined {
  if (raw === null || raw === '') {
    return undefined;
  }
  if (/^\d+$/.test(raw)) {
    return Number.parseInt(raw, 10);
  }
  return /^\d{4}-\d{2}-\d{2}/.test(raw) ? Date.parse(raw) : Number.NaN;
}

function csv(raw: string | null): Set<string> | undefined {
  const parts = (raw ?? '')
    .split(',')
    .map(x => x.trim())
    .filter(Boolean);
  return parts.length > 0 ? new Set(parts) : undefined;
}

/** Incidents list/get and postmortems. */
export const addIncidentRoutes: AddVendorRoutes = (routes, runtime) => {
  const { index } = runtime;

  routes.get('/api/v1/incidents', (req, res) => {
    const query = queryOf(req);
    const { limit, offset } = limitOffset(query, 100);
    const since = parseSince(query.get('updated_since'));
    if (Number.isNaN(limit) || limit < 1 || limit > MAX_LIMIT) {
      blSendError(
        res,
        400,
        `limit must be an integer between 1 and ${MAX_LIMIT}`,
      );
      return;
    }
    if (Number.isNaN(offset)) {
      blSendError(res, 400, 'offset must be a non-negative integer');
      return;
    }
    if (since !== undefined && Number.isNaN(since)) {
      blSendError(
        res,
        400,
        'updated_since must be epoch milliseconds or an ISO-8601 date',
      );
      return;
    }
    const services = csv(query.get('services'));
    const statuses = csv(query.get('status'));
    const search = (query.get('search') ?? '').toLowerCase();
    const all = runtime.org.incidents;
    const end =
      since === undefined
        ? all.length
        : index.firstIncidentUpdatedBefore(since);
    const filtered = !services && !statuses && !search;
    const matches = (i: DemoIncident) =>
      (!services || servicesOf(i).some(s => services.has(s))) &&
      (!statuses || statuses.has(i.status)) &&
      (!search ||
        i.title.toLowerCase().includes(search) ||
        servicesOf(i).some(s => s.includes(search)) ||
        String(i.id) === search);
    const page = filtered
      ? all.slice(offset, Math.min(end, offset + limit))
      : [];
    let count = filtered ? end : 0;
    if (!filtered) {
      for (let k = 0; k < end; k++) {
        if (matches(all[k])) {
          if (count >= offset && page.length < limit) {
            page.push(all[k]);
          }
          count++;
        }
      }
    }
    res.json({
      ok: true,
      incidents: page.map(i => serializeIncident(index, i)),
      pagination: { limit, offset, count },
    });
  });

  /** The incident with this numeric id; otherwise Blameless's 404 is sent. */
  const incidentOrNotFound = (id: string, res: Response) => {
    const incident = /^\d+$/.test(id)
      ? index.incidentsById.get(Number(id))
      : undefined;
    if (!incident) blSendError(res, 404, `Incident ${id} not found`);
    return incident;
  };

  routes.get('/api/v1/incidents/:id', (req, res) => {
    const incident = incidentOrNotFound(req.params.id, res);
    if (!incident) return;
    res.json({ ok: true, incident: serializeIncident(index, incident) });
  });

  routes.get('/api/v1/incidents/:id/postmortem', (req, res) => {
    const incident = incidentOrNotFound(req.params.id, res);
    if (!incident) return;
    if (!incident.retrospective) {
      blSendError(res, 404, `Incident ${req.params.id} has no retrospective`);
      return;
    }
    res.json({ ok: true, postmortem: serializePostmortem(incident) });
  });
};
