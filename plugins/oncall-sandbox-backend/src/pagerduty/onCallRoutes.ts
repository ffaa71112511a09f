import { DAY } from '../org/time';
import { queryOf } from '../shared/query';
import { VendorRoutes } from '../shared/vendorRoute';
import { PdContext, instantParam, linksOf, zoneParam } from './context';
import { pdInvalid } from './envelope';
import { OnCallEntry, earliestOnly, policyOnCalls } from './entries';
import { arrayParam, sendPage } from './pagination';
import { pdTime, ref, serializeUser, userRef } from './serialize';

/** `/oncalls` looks at most 90 days ahead. */
const MAX_SPAN = 90 * DAY;

/** `GET /oncalls`: who is on call per escalation policy and level, with classic paging. */
export function addPdOnCallRoutes(routes: VendorRoutes, ctx: PdContext) {
  const { pd } = ctx;
  routes.get('/oncalls', (req, res) => {
    const query = queryOf(req);
    const zone = zoneParam(res, query, 'UTC');
    if (zone === null) return;
    const since = instantParam(res, query, 'since');
    if (since === null) return;
    const until = instantParam(res, query, 'until');
    if (until === null) return;
    const start = since ?? ctx.runtime.now();
    const end = until ?? (since === undefined ? start : start);
    if (end < start) {
      pdInvalid(res, 'until must not be before since');
      return;
    }
    if (end - start > MAX_SPAN) {
      pdInvalid(res, 'until must be within 90 days of since');
      return;
    }
    const policyIds = arrayParam(query, 'escalation_policy_ids');
    const scheduleIds = arrayParam(query, 'schedule_ids');
    const userIds = arrayParam(query, 'user_ids');
    const include = new Set(arrayParam(query, 'include'));
    let entries: OnCallEntry[] = pd.policies
      .filter(p => policyIds.length === 0 || policyIds.includes(p.id))
      .flatMap(p => policyOnCalls(pd, p, start, end));
    if (scheduleIds.length > 0) {
      entries = entries.filter(e =>
        e.schedule
          ? scheduleIds.includes(e.schedule.id)
          : scheduleIds.includes('null'),
      );
    }
    if (userIds.length > 0) {
      entries = entries.filter(e =>
        userIds.includes(pd.userIdOf.get(e.userId) ?? ''),
      );
    }
    if (query.get('earliest') === 'true') {
      entries = earliestOnly(entries);
    }
    entries.sort(
      (a, b) =>
        a.policy.name.localeCompare(b.policy.name) ||
        a.level - b.level ||
        (a.start ?? 0) - (b.start ?? 0),
    );
    const links = linksOf(req);
    sendPage(req, res, 'oncalls', entries, e => {
      const user = pd.users.find(u => u.id === e.userId)!;
      return {
        user: include.has('users')
          ? serializeUser(links, pd, user)
          : userRef(links, pd, user),
        schedule: e.schedule
          ? ref(links, 'schedule', e.schedule.id, e.schedule.name)
          : null,
        escalation_policy: ref(
          links,
          'escalation_policy',
          e.policy.id,
          e.policy.name,
        ),
        escalation_level: e.level,
        start: e.start === undefined ? null : pdTime(e.start, zone),
        end: e.end === undefined ? null : pdTime(e.end, zone),
      };
    });
  });
}
