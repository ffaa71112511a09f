import { Router } from 'express';
import { demoPagerDuty } from '../org/pagerdutyOrg';
import { jsonBody } from '../shared/jsonBody';
import { SandboxRuntime } from '../shared/runtime';
import { VendorRoutes } from '../shared/vendorRoute';
import { PdContext } from './context';
import { addPdDirectoryRoutes } from './directoryRoutes';
import {
  pagerdutyAuth,
  pagerdutyResponder,
  pdError,
  pdRateLimitHeaders,
} from './envelope';
import { createPagerDutyEventsRouter } from './eventsRouter';
import { addPdIncidentRoutes } from './incidentRoutes';
import { PdIncidentStore } from './incidentStore';
import { addPdOnCallRoutes } from './onCallRoutes';
import { addPdScheduleRoutes } from './scheduleRoutes';

/**
 * The PagerDuty fakes: REST API v2 (mounted at `/pagerduty`) and Events API v2 (mounted at
 * `/pagerduty-events`), sharing the demo org's PagerDuty account and the incidents events open.
 */
export function createPagerDutyRouters(runtime: SandboxRuntime): {
  rest: Router;
  events: Router;
} {
  const pd = demoPagerDuty(runtime.org);
  const store = new PdIncidentStore(runtime.org.seed);
  const ctx: PdContext = { runtime, pd };
  const rest = Router();
  rest.use(pdRateLimitHeaders(runtime));
  rest.use(
    jsonBody('256kb', res => pdError(res, 400, 'Invalid Input Provided')),
  );
  const routes = new VendorRoutes(
    rest,
    runtime,
    pagerdutyResponder,
    pagerdutyAuth(runtime),
  );
  addPdOnCallRoutes(routes, ctx);
  addPdScheduleRoutes(routes, ctx);
  addPdDirectoryRoutes(routes, ctx);
  addPdIncidentRoutes(routes, ctx, store);
  routes.notFound();
  return {
    rest,
    events: createPagerDutyEventsRouter(runtime, pd, store),
  };
}
