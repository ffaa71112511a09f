import { Entity } from '@backstage/catalog-model';
import {
  BLAMELESS_SERVICE_ANNOTATION,
  OPSGENIE_TEAM_ANNOTATION,
} from '@oncall-for-backstage/plugin-oncall-common';
// Test-only: the demo organisation comes from the vendor sandbox plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { DemoOrg } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';

/** The sandbox's demo organisation as catalog entities, the way examples/ describes it. */
export function demoEntities(org: DemoOrg): Entity[] {
  const entity = (
    kind: string,
    name: string,
    spec: Entity['spec'],
    annotations?: Record<string, string>,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      ...(annotations ? { annotations } : {}),
    },
    spec,
  });
  return [
    ...org.groups.map(g =>
      entity(
        'Group',
        g.name,
        {
          type: 'team',
          children: [],
          ...(g.parent ? { parent: g.parent } : {}),
        },
        g.opsgenieAnnotation
          ? { [OPSGENIE_TEAM_ANNOTATION]: g.opsgenieAnnotation }
          : undefined,
      ),
    ),
    ...org.users.map(u =>
      entity('User', u.name, {
        profile: { email: u.email, displayName: u.fullName },
        memberOf: [u.group],
      }),
    ),
    ...org.systems.map(s => entity('System', s.name, { owner: s.owner })),
    ...org.services.map(s =>
      entity(
        s.kind,
        s.name,
        {
          type: s.type,
          owner: s.owner,
          system: s.system,
          lifecycle: 'production',
        },
        s.blamelessService === s.name
          ? undefined
          : { [BLAMELESS_SERVICE_ANNOTATION]: s.blamelessService },
      ),
    ),
  ];
}
