import express, { Router } from 'express';
import { SandboxRuntime } from '../shared/runtime';
import { VendorRoutes } from '../shared/vendorRoute';
import { blSendError, blamelessAuth, blamelessResponder } from './envelope';
import { addIncidentRoutes } from './incidentRoutes';
import { BLAMELESS_SEVERITIES } from './severities';
import { TOKEN_SCOPE, TOKEN_TTL_SECONDS, issueToken } from './token';

/** The Blameless API fake, mounted at `/blameless`. */
export function createBlamelessRouter(runtime: SandboxRuntime): Router {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  const routes = new VendorRoutes(
    router,
    runtime,
    blamelessResponder,
    blamelessAuth(runtime),
  );

  routes.post(
    '/api/v2/identity/token',
    (_req, res) => {
      res.json({
        access_token: issueToken(runtime.keys.blameless, runtime.now()),
        token_type: 'Bearer',
        expires_in: TOKEN_TTL_SECONDS,
        scope: TOKEN_SCOPE,
      });
    },
    (req, res, next) => {
      const key = (req.get('authorization') ?? '').trim();
      if (key !== runtime.keys.blameless) {
        blSendError(res, 401, 'Invalid API key');
        return;
      }
      next();
    },
  );

  addIncidentRoutes(routes, runtime);
  routes.get('/api/v2/settings/incidents/severities', (_req, res) => {
    res.json({ severities: BLAMELESS_SEVERITIES });
  });
  routes.get('/api/v1/incident-severities', (_req, res) => {
    res.json({ ok: true, severities: BLAMELESS_SEVERITIES });
  });
  routes.notFound();
  return router;
}
