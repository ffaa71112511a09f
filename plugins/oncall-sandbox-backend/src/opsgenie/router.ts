import { Router } from 'express';
import { jsonBody } from '../shared/jsonBody';
import { SandboxRuntime } from '../shared/runtime';
import { VendorRoutes } from '../shared/vendorRoute';
import { PageStream } from '../org/alerts/stream';
import { addAlertReadRoutes } from './alertReadRoutes';
import { addAlertRoutes } from './alertRoutes';
import { ogSend, opsgenieAuth, opsgenieResponder } from './envelope';
import { addOverrideRoutes } from './overrideRoutes';
import { addScheduleRoutes } from './scheduleRoutes';
import { addTeamRoutes } from './teamRoutes';

/** The Opsgenie REST API fake, mounted at `/opsgenie`. */
export function createOpsgenieRouter(runtime: SandboxRuntime): Router {
  const router = Router();
  router.use(
    jsonBody('256kb', res => ogSend(res, 400, { message: 'Invalid JSON' })),
  );
  const routes = new VendorRoutes(
    router,
    runtime,
    opsgenieResponder,
    opsgenieAuth(runtime),
  );
  addTeamRoutes(routes, runtime);
  addScheduleRoutes(routes, runtime);
  addOverrideRoutes(routes, runtime);
  addAlertRoutes(routes, runtime);
  addAlertReadRoutes(routes, runtime, new PageStream(runtime.org));
  routes.notFound();
  return router;
}
