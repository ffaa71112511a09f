import { Response } from 'express';
import { AddVendorRoutes } from '../shared/vendorRoute';
import { limitOffset, queryOf, selfUrl } from '../shared/query';
import { ogSend, ogUnprocessable, pagingHeaders } from './envelope';
import { identifierType } from './identifiers';
import { serializeEscalation, serializeTeam, serializeUser } from './serialize';
import { DemoUser } from '../org/types';

function notFound(
  res: Response,
  what: string,
  identifier: string,
  type: string,
) {
  ogSend(res, 404, {
    message: `No ${what} exists with ${type} [${identifier}]`,
  });
}

const USER_SORTS: Record<string, (u: DemoUser) => string | number> = {
  username: u => u.email,
  fullName: u => u.fullName,
  insertedAt: u => u.createdAt,
};

/** Teams, escalations and users. */
export const addTeamRoutes: AddVendorRoutes = (routes, runtime) => {
  const { index } = runtime;
  /** The user with this id or username; otherwise Opsgenie's 404 is sent. */
  const userOrNotFound = (identifier: string, res: Response) => {
    const user =
      index.usersById.get(identifier) ?? index.usersByEmail.get(identifier);
    if (!user) {
      ogSend(res, 404, {
        message: `No user exists with identifier [${identifier}]`,
      });
    }
    return user;
  };

  routes.get('/v2/teams', (_req, res) => {
    ogSend(res, 200, {
      data: runtime.org.teams.map(t => serializeTeam(index, t, false)),
      expandable: ['member'],
    });
  });

  routes.get('/v2/teams/:identifier', (req, res) => {
    const type = identifierType(queryOf(req), 'identifierType', res);
    if (!type) return;
    const id = req.params.identifier;
    const team =
      type === 'id' ? index.teamsById.get(id) : index.teamsByName.get(id);
    if (!team) {
      notFound(res, 'team', id, type);
      return;
    }
    ogSend(res, 200, { data: serializeTeam(index, team, true) });
  });

  routes.get('/v2/escalations', (_req, res) => {
    ogSend(res, 200, {
      data: runtime.org.escalations.map(e => serializeEscalation(index, e)),
    });
  });

  routes.get('/v2/escalations/:identifier', (req, res) => {
    const type = identifierType(queryOf(req), 'identifierType', res);
    if (!type) return;
    const id = req.params.identifier;
    const escalation =
      type === 'id'
        ? index.escalationsById.get(id)
        : index.escalationsByName.get(id);
    if (!escalation) {
      notFound(res, 'escalation', id, type);
      return;
    }
    ogSend(res, 200, { data: serializeEscalation(index, escalation) });
  });

  routes.get('/v2/users', (req, res) => {
    const query = queryOf(req);
    const { limit, offset } = limitOffset(query, 20);
    const sort = query.get('sort') ?? 'username';
    const order = (query.get('order') ?? 'asc').toLowerCase();
    if (Number.isNaN(offset))
      return ogUnprocessable(res, {
        offset: 'offset must be a non-negative integer',
      });
    if (Number.isNaN(limit) || limit < 1 || limit > 100)
      return ogUnprocessable(res, { limit: 'limit must be between 1 and 100' });
    if (!USER_SORTS[sort])
      return ogUnprocessable(res, {
        sort: 'sort must be one of username, fullName, insertedAt',
      });
    if (order !== 'asc' && order !== 'desc')
      return ogUnprocessable(res, { order: 'order must be asc or desc' });
    const text = (query.get('query') ?? '').toLowerCase();
    const key = USER_SORTS[sort];
    const users = runtime.org.users
      .filter(
        u =>
          !text ||
          u.email.includes(text) ||
          u.fullName.toLowerCase().includes(text),
      )
      .sort((a, b) => {
        const x = key(a);
        const y = key(b);
        const c =
          typeof x === 'number' && typeof y === 'number'
            ? x - y
            : String(x).localeCompare(String(y));
        return order === 'asc' ? c : -c;
      });
    const total = users.length;
    const link = (o: number) => {
      const q = new URLSearchParams(query);
      q.set('limit', String(limit));
      q.set('offset', String(o));
      q.set('sort', sort);
      q.set('order', order);
      return selfUrl(req, q);
    };
    const lastOffset =
      total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
    const paging: Record<string, string> = {};
    if (offset + limit < total) paging.next = link(offset + limit);
    if (offset > 0) paging.prev = link(Math.max(0, offset - limit));
    paging.first = link(0);
    paging.last = link(lastOffset);
    return ogSend(
      res,
      200,
      {
        totalCount: total,
        data: users
          .slice(offset, offset + limit)
          .map(u => serializeUser(u, false)),
        paging,
      },
      pagingHeaders(paging),
    );
  });

  routes.get('/v2/users/:identifier/teams', (req, res) => {
    const user = userOrNotFound(req.params.identifier, res);
    if (!user) return;
    const teams = runtime.org.teams.filter(t =>
      t.members.some(m => m.userId === user.id),
    );
    ogSend(res, 200, { data: teams.map(t => ({ id: t.id, name: t.name })) });
  });

  routes.get('/v2/users/:identifier/schedules', (req, res) => {
    const user = userOrNotFound(req.params.identifier, res);
    if (!user) return;
    const schedules = runtime.org.schedules.filter(s =>
      s.rotations.some(r =>
        r.participants.some(p => p.type === 'user' && p.id === user.id),
      ),
    );
    ogSend(res, 200, {
      data: schedules.map(s => ({
        id: s.id,
        name: s.name,
        enabled: s.enabled,
      })),
    });
  });

  routes.get('/v2/users/:identifier', (req, res) => {
    const user = userOrNotFound(req.params.identifier, res);
    if (!user) return;
    const expand = (queryOf(req).get('expand') ?? '').split(',');
    ogSend(res, 200, {
      data: serializeUser(user, expand.includes('contact')),
      expandable: ['contact'],
    });
  });
};
