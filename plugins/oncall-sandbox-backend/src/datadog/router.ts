import { Router } from 'express';
import { SandboxRuntime } from '../shared/runtime';
import { VendorRoutes } from '../shared/vendorRoute';
import { datadogAuth, datadogResponder, rateLimitHeaders } from './envelope';
import { addMonitorRoutes } from './monitorRoutes';
import { addSloRoutes } from './sloRoutes';

/** The DataDog API fake, mounted at `/datadog`. */
export function createDatadogRouter(runtime: SandboxRuntime): Router {
  const router = Router();
  router.use(rateLimitHeaders());
  const routes = new VendorRoutes(
    router,
    runtime,
    datadogResponder,
    datadogAuth(runtime),
  );
  addSloRoutes(routes, runtime);
  addMonitorRoutes(routes, runtime);
  const validate = new VendorRoutes(
    router,
    runtime,
    datadogResponder,
    datadogAuth(runtime, true),
  );
  validate.get('/api/v1/validate', (_req, res) => {
    res.json({ valid: true });
  });
  routes.notFound();
  return router;
}
