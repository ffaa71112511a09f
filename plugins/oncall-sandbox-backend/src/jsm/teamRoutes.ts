import { SandboxRuntime } from '../shared/runtime';
import { VendorRoutes } from '../shared/vendorRoute';
import { JsmDirectory } from './directory';
import { jsmError } from './envelope';
import { pageOf, pageParams } from './paging';
import { serializeEscalation, serializeTeam } from './serialize';

/** `GET /v1/teams` (not paginated) and the teams' escalations. */
export function addTeamRoutes(
  routes: VendorRoutes,
  _runtime: SandboxRuntime,
  dir: JsmDirectory,
): void {
  routes.get('/v1/teams', (_req, res) => {
    res.json({ platformTeams: dir.teams.map(t => serializeTeam(dir, t)) });
  });

  routes.get('/v1/teams/:teamId/escalations', (req, res) => {
    if (!dir.teamByJsmId(req.params.teamId)) {
      jsmError(res, 404, 'Team not found');
      return;
    }
    const page = pageParams(req, res, 20, 100);
    if (!page) return;
    const list = dir
      .escalationsOf(req.params.teamId)
      .map(e => serializeEscalation(dir, e));
    const path = `/v1/teams/${req.params.teamId}/escalations`;
    res.json(pageOf(req, list, page, path));
  });

  routes.get('/v1/teams/:teamId/escalations/:id', (req, res) => {
    const escalation = dir
      .escalationsOf(req.params.teamId)
      .find(e => dir.escalationId(e) === req.params.id);
    if (!escalation) {
      jsmError(res, 404, 'Escalation not found');
      return;
    }
    res.json(serializeEscalation(dir, escalation));
  });
}
