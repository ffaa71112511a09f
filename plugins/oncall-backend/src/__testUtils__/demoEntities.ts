import { Entity } from '@backstage/catalog-model';
import {
  DemoGroup,
  DemoOrg,
  DemoService,
  DemoSystem,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';

type Annotations = Record<string, string>;

/** A demo group as a catalog Group (a team under its parent), with `annotations` if given. */
export function demoGroupEntity(
  group: DemoGroup,
  annotations?: Annotations,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: group.name,
      namespace: 'default',
      ...(annotations ? { annotations } : {}),
    },
    spec: {
      type: 'team',
      ...(group.parent ? { parent: group.parent } : {}),
      children: [],
    },
  };
}

/** A demo system as a catalog System owned by its group. */
export function demoSystemEntity(system: DemoSystem): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: system.name, namespace: 'default' },
    spec: { owner: system.owner },
  };
}

/** A demo service as a catalog Component or API in production, with `annotations` if given. */
export function demoServiceEntity(
  service: DemoService,
  annotations?: Annotations,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: service.kind,
    metadata: {
      name: service.name,
      namespace: 'default',
      ...(annotations ? { annotations } : {}),
    },
    spec: {
      type: service.type,
      owner: service.owner,
      system: service.system,
      lifecycle: 'production',
    },
  };
}

/**
 * A production service of the demo organisation's growth group, outside the demo catalog,
 * with the given annotations (a pinned schedule, an explicit team, an unusual value).
 */
export function annotatedComponent(
  name: string,
  annotations: Annotations,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'growth', lifecycle: 'production' },
  };
}

/** The demo organisation as catalog entities (as in examples/), built from the sandbox's truth. */
export function demoEntities(org: DemoOrg): Entity[] {
  const groups = org.groups.map(g =>
    demoGroupEntity(
      g,
      g.opsgenieAnnotation
        ? { 'opsgenie.com/team': g.opsgenieAnnotation }
        : undefined,
    ),
  );
  const users: Entity[] = org.users.map(u => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: u.name, namespace: 'default' },
    spec: {
      profile: { email: u.email, displayName: u.fullName },
      memberOf: [u.group],
    },
  }));
  const systems = org.systems.map(demoSystemEntity);
  const services = org.services.map(s =>
    demoServiceEntity(
      s,
      s.opsgenieTeam ? { 'opsgenie.com/team': s.opsgenieTeam } : undefined,
    ),
  );
  return [...groups, ...users, ...systems, ...services];
}
