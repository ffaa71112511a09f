import { Request } from 'express';
import { DemoUser } from '../org/types';
import { intParam, queryOf } from '../shared/query';
import { SandboxRuntime } from '../shared/runtime';
import { VendorRoutes } from '../shared/vendorRoute';
import { JsmDirectory } from './directory';

/** Jira caps `maxResults` of the bulk user lookup. */
const MAX_RESULTS = 200;

function avatarUrls(user: DemoUser) {
  const initials = user.fullName
    .split(' ')
    .map(x => x[0])
    .join('');
  const url = (size: number) =>
    `https://avatar-management--avatars.server-location.prod.public.atl-paas.net/initials/${initials}-5.png?size=${size}&s=${size}`;
  return {
    '48x48': url(48),
    '24x24': url(24),
    '16x16': url(16),
    '32x32': url(32),
  };
}

function serializeUser(req: Request, dir: JsmDirectory, user: DemoUser) {
  const accountId = dir.accountId(user.id);
  return {
    self: `${req.protocol}://${req.get('host') ?? 'localhost'}${
      req.baseUrl
    }/rest/api/3/user?accountId=${accountId}`,
    accountId,
    accountType: 'atlassian',
    emailAddress: user.email,
    avatarUrls: avatarUrls(user),
    displayName: user.fullName,
    active: true,
    timeZone: user.timeZone,
  };
}

/** Jira Cloud's user lookups: `GET /rest/api/3/user/bulk` and `GET /rest/api/3/user`. */
export function addJiraUserRoutes(routes: VendorRoutes, dir: JsmDirectory) {
  routes.get('/rest/api/3/user/bulk', (req, res) => {
    const query = queryOf(req);
    const ids = query.getAll('accountId');
    const startAt = intParam(query, 'startAt') ?? 0;
    const maxResults = intParam(query, 'maxResults') ?? 10;
    if (ids.length === 0 || Number.isNaN(startAt) || Number.isNaN(maxResults)) {
      res.status(400).json({
        errorMessages: [
          ids.length === 0
            ? 'accountId: at least one accountId is required'
            : 'startAt and maxResults must be non-negative integers',
        ],
        errors: {},
      });
      return;
    }
    const size = Math.min(Math.max(maxResults, 1), MAX_RESULTS);
    const users = [...new Set(ids)]
      .map(id => dir.userByAccount(id))
      .filter((u): u is DemoUser => u !== undefined);
    res.json({
      maxResults: size,
      startAt,
      total: users.length,
      isLast: startAt + size >= users.length,
      values: users
        .slice(startAt, startAt + size)
        .map(u => serializeUser(req, dir, u)),
    });
  });

  routes.get('/rest/api/3/user', (req, res) => {
    const user = dir.userByAccount(queryOf(req).get('accountId') ?? '');
    if (!user) {
      res.status(404).json({
        errorMessages: [
          'Specified user does not exist or you do not have required permissions',
        ],
        errors: {},
      });
      return;
    }
    res.json({
      ...serializeUser(req, dir, user),
      key: '',
      name: '',
      groups: { size: 1, items: [] },
      applicationRoles: { size: 1, items: [] },
    });
  });
}

/**
 * The Atlassian Teams API's `POST /gateway/api/public/teams/v1/org/{orgId}/teams/{teamId}/members`
 * with `{first, after}`: `{results: [{accountId}], pageInfo: {endCursor, hasNextPage}}`.
 */
export function addTeamMemberRoutes(
  routes: VendorRoutes,
  runtime: SandboxRuntime,
  dir: JsmDirectory,
) {
  routes.post(
    '/gateway/api/public/teams/v1/org/:orgId/teams/:teamId/members',
    (req, res) => {
      const team = dir.teamByJsmId(req.params.teamId);
      if (req.params.orgId !== runtime.keys.jsm.orgId || !team) {
        res.status(404).json({
          errorMessages: ['Team not found'],
          errors: {},
        });
        return;
      }
      const first = Number(req.body?.first ?? 50);
      const after = Number(req.body?.after || 0);
      if (
        !Number.isInteger(first) ||
        first < 1 ||
        first > 300 ||
        !Number.isInteger(after) ||
        after < 0
      ) {
        res.status(400).json({
          errorMessages: [
            'first must be 1 to 300 and after a cursor from pageInfo',
          ],
          errors: {},
        });
        return;
      }
      const members = team.members.slice(after, after + first);
      const end = after + members.length;
      res.json({
        results: members.map(m => ({ accountId: dir.accountId(m.userId) })),
        pageInfo: {
          endCursor: String(end),
          hasNextPage: end < team.members.length,
        },
      });
    },
  );
}
