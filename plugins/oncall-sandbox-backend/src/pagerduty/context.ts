import { Request, Response } from 'express';
import { DateTime, IANAZone } from 'luxon';
import { PagerDutyOrg } from '../org/pagerdutyOrg';
import { SandboxRuntime } from '../shared/runtime';
import { pdInvalid } from './envelope';
import { PD_WEB_URL, PdLinks } from './serialize';

/** What every PagerDuty route needs: the sandbox, the derived account and its links. */
export interface PdContext {
  runtime: SandboxRuntime;
  pd: PagerDutyOrg;
}

/** Links of the fake as reached by this request. */
export function linksOf(req: Request): PdLinks {
  const base = (req.originalUrl || req.url).split('?')[0];
  const mount = base.slice(0, base.length - req.path.length);
  return {
    api: `${req.protocol}://${req.get('host') ?? 'localhost'}${mount}`,
    web: PD_WEB_URL,
  };
}

/** Parses an ISO 8601 instant parameter; undefined when absent; answers 400 and returns null when invalid. */
export function instantParam(
  res: Response,
  query: URLSearchParams,
  name: string,
): number | undefined | null {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  const parsed = DateTime.fromISO(raw, { setZone: true });
  if (!parsed.isValid) {
    pdInvalid(res, `${name} must be an ISO 8601 date-time`);
    return null;
  }
  return parsed.toMillis();
}

/** The `time_zone` parameter (IANA name) or `fallback`; null after answering 400. */
export function zoneParam(
  res: Response,
  query: URLSearchParams,
  fallback: string,
): string | null {
  const zone = query.get('time_zone') || fallback;
  if (!IANAZone.isValidZone(zone)) {
    pdInvalid(res, 'time_zone must be an IANA time zone name');
    return null;
  }
  return zone;
}
