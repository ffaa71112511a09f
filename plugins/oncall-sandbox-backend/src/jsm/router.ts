import { RequestHandler, Response, Router } from 'express';
import { jsonBody } from '../shared/jsonBody';
import { SandboxRuntime } from '../shared/runtime';
import { VendorResponder, VendorRoutes } from '../shared/vendorRoute';
import { addAlertRoutes } from './alertRoutes';
import { JsmDirectory } from './directory';
import { jsmAuth, jsmError, jsmResponder } from './envelope';
import { addJiraUserRoutes, addTeamMemberRoutes } from './jiraRoutes';
import { addScheduleRoutes } from './scheduleRoutes';
import { addTeamRoutes } from './teamRoutes';

/** Basic auth, then the site's cloud id: another cloud id is 404, as for a site one cannot see. */
function authAndCloud(runtime: SandboxRuntime): RequestHandler {
  const auth = jsmAuth(runtime);
  return (req, res, next) =>
    auth(req, res, () => {
      if (req.params.cloudId !== runtime.keys.jsm.cloudId) {
        jsmError(res, 404, 'Cloud id not found');
        return;
      }
      next();
    });
}

/**
 * The JSM Operations REST API fake, mounted at `/atlassian/jsm/ops/api/:cloudId` (standing for
 * `https://api.atlassian.com/jsm/ops/api/{cloudId}`).
 */
export function createJsmRouter(
  runtime: SandboxRuntime,
  dir: JsmDirectory,
): Router {
  const router = Router({ mergeParams: true });
  const responder = jsmResponder(runtime);
  router.use(
    jsonBody('256kb', res => responder.error(res, 400, 'Invalid JSON')),
  );
  const routes = new VendorRoutes(
    router,
    runtime,
    responder,
    authAndCloud(runtime),
  );
  addTeamRoutes(routes, runtime, dir);
  addScheduleRoutes(routes, runtime, dir);
  addAlertRoutes(routes, runtime);
  routes.notFound();
  return router;
}

/** Jira's error body: `{errorMessages, errors}`. */
function jiraError(res: Response, status: number, message: string): void {
  res.status(status).json({ errorMessages: [message], errors: {} });
}

/**
 * Jira Cloud's user API fake, mounted at `/jira` (standing for `https://<site>.atlassian.net`):
 * the names and emails behind JSM's account ids, and the Teams API's members of a team.
 * Counted, faulted and limited as `jsm`.
 */
export function createJiraRouter(
  runtime: SandboxRuntime,
  dir: JsmDirectory,
): Router {
  const router = Router();
  const jsm = jsmResponder(runtime);
  const responder: VendorResponder = { ...jsm, error: jiraError };
  router.use(
    jsonBody('64kb', res => responder.error(res, 400, 'Invalid JSON')),
  );
  const routes = new VendorRoutes(router, runtime, responder, jsmAuth(runtime));
  addJiraUserRoutes(routes, dir);
  addTeamMemberRoutes(routes, runtime, dir);
  routes.notFound();
  return router;
}
