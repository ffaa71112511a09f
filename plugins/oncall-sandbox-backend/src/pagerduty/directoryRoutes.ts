import { Request, Response } from 'express';
import { queryOf } from '../shared/query';
import { VendorRoutes } from '../shared/vendorRoute';
import { PdContext, linksOf } from './context';
import { pdError } from './envelope';
import { arrayParam, sendPage } from './pagination';
import {
  ref,
  serializePolicy,
  serializeService,
  serializeTeam,
  serializeUser,
} from './serialize';

function matches(query: URLSearchParams, ...values: string[]): boolean {
  const q = (query.get('query') ?? '').toLowerCase();
  return q === '' || values.some(v => v.toLowerCase().includes(q));
}

function notFound(res: Response) {
  pdError(res, 404, 'Not Found');
}

/** Users, teams, escalation policies and services of the PagerDuty account. */
export function addPdDirectoryRoutes(routes: VendorRoutes, ctx: PdContext) {
  const { pd, runtime } = ctx;
  const userById = (id: string) => pd.userByPdId.get(id);

  routes.get('/users', (req, res) => {
    const query = queryOf(req);
    const teamIds = arrayParam(query, 'team_ids');
    const links = linksOf(req);
    const users = pd.users.filter(
      u =>
        matches(query, u.fullName, u.email) &&
        (teamIds.length === 0 ||
          pd.teams.some(
            t =>
              teamIds.includes(t.id) && t.members.some(m => m.userId === u.id),
          )),
    );
    sendPage(req, res, 'users', users, u => serializeUser(links, pd, u));
  });

  routes.get('/users/:id', (req, res) => {
    const user = userById(req.params.id);
    if (!user) {
      notFound(res);
      return;
    }
    res.status(200).json({ user: serializeUser(linksOf(req), pd, user) });
  });

  routes.get('/teams', (req, res) => {
    const query = queryOf(req);
    const links = linksOf(req);
    sendPage(
      req,
      res,
      'teams',
      pd.teams.filter(t => matches(query, t.name)),
      t => serializeTeam(links, t),
    );
  });

  routes.get('/teams/:id/members', (req, res) => {
    const team = pd.teams.find(t => t.id === req.params.id);
    if (!team) {
      notFound(res);
      return;
    }
    const links = linksOf(req);
    const include = new Set(arrayParam(queryOf(req), 'include'));
    sendPage(req, res, 'members', team.members, m => {
      const user = pd.users.find(u => u.id === m.userId)!;
      return {
        user: include.has('users')
          ? serializeUser(links, pd, user)
          : ref(links, 'user', pd.userIdOf.get(user.id)!, user.fullName),
        role: m.role,
      };
    });
  });

  const policiesFor = (req: Request) => {
    const query = queryOf(req);
    const teamIds = arrayParam(query, 'team_ids');
    const userIds = arrayParam(query, 'user_ids');
    return pd.policies.filter(
      p =>
        matches(query, p.name) &&
        (teamIds.length === 0 || teamIds.includes(p.teamId)) &&
        (userIds.length === 0 ||
          p.rules.some(r =>
            r.targets.some(
              t =>
                t.type === 'user' &&
                userIds.includes(pd.userIdOf.get(t.id) ?? ''),
            ),
          )),
    );
  };

  routes.get('/escalation_policies', (req, res) => {
    const links = linksOf(req);
    sendPage(req, res, 'escalation_policies', policiesFor(req), p =>
      serializePolicy(links, pd, p),
    );
  });

  routes.get('/escalation_policies/:id', (req, res) => {
    const policy = pd.policies.find(p => p.id === req.params.id);
    if (!policy) {
      notFound(res);
      return;
    }
    res
      .status(200)
      .json({ escalation_policy: serializePolicy(linksOf(req), pd, policy) });
  });

  const serviceJson = (req: Request, id: string) => {
    const service = pd.services.find(s => s.id === id)!;
    const links = linksOf(req);
    const body = serializeService(
      links,
      pd,
      service,
      runtime.org.generatedAt - 400 * 86_400_000,
    );
    if (!arrayParam(queryOf(req), 'include').includes('escalation_policies')) {
      return body;
    }
    const policy = pd.policies.find(p => p.id === service.policyId)!;
    return { ...body, escalation_policy: serializePolicy(links, pd, policy) };
  };

  routes.get('/services', (req, res) => {
    const query = queryOf(req);
    const teamIds = arrayParam(query, 'team_ids');
    const services = pd.services.filter(
      s =>
        matches(query, s.name) &&
        (teamIds.length === 0 || teamIds.includes(s.teamId)),
    );
    sendPage(req, res, 'services', services, s => serviceJson(req, s.id));
  });

  routes.get('/services/:id', (req, res) => {
    if (!pd.services.some(s => s.id === req.params.id)) {
      notFound(res);
      return;
    }
    res.status(200).json({ service: serviceJson(req, req.params.id) });
  });
}
