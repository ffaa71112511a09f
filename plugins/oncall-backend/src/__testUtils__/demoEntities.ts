import { Entity } from '@backstage/catalog-model';
import { DemoOrg } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';

/** The demo organisation as catalog entities (as in examples/), built from the sandbox's truth. */
export function demoEntities(org: DemoOrg): Entity[] {
  const groups: Entity[] = org.groups.map(g => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: g.name,
      namespace: 'default',
      ...(g.opsgenieAnnotation
        ? { annotations: { 'opsgenie.com/team': g.opsgenieAnnotation } }
        : {}),
    },
    spec: {
      type: 'team',
      ...(g.parent ? { parent: g.parent } : {}),
      children: [],
    },
  }));
  const users: Entity[] = org.users.map(u => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: u.name, namespace: 'default' },
    spec: {
      profile: { email: u.email, displayName: u.fullName },
      memberOf: [u.group],
    },
  }));
  const systems: Entity[] = org.systems.map(s => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: s.name, namespace: 'default' },
    spec: { owner: s.owner },
  }));
  const services: Entity[] = org.services.map(s => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: s.kind,
    metadata: {
      name: s.name,
      namespace: 'default',
      ...(s.opsgenieTeam
        ? { annotations: { 'opsgenie.com/team': s.opsgenieTeam } }
        : {}),
    },
    spec: {
      type: s.type,
      owner: s.owner,
      system: s.system,
      lifecycle: 'production',
    },
  }));
  return [...groups, ...users, ...systems, ...services];
}
