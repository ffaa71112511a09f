import { Entity } from '@backstage/catalog-model';
import { DemoOrg } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';

/**
 * The demo organisation's Groups, Systems, Components and APIs as the catalog serves them,
 * relations included, with the `blameless.com/service` annotation where the demo sets it.
 */
export function reliabilityEntities(org: DemoOrg): Entity[] {
  const groups: Entity[] = org.groups.map(g => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: g.name, namespace: 'default' },
    spec: {
      type: 'team',
      ...(g.parent ? { parent: g.parent } : {}),
      children: [],
    },
  }));
  const systems: Entity[] = org.systems.map(s => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: s.name, namespace: 'default' },
    spec: { owner: s.owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${s.owner}` }],
  }));
  const services: Entity[] = org.services.map(s => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: s.kind,
    metadata: {
      name: s.name,
      namespace: 'default',
      ...(s.blamelessService !== s.name
        ? { annotations: { 'blameless.com/service': s.blamelessService } }
        : {}),
    },
    spec: {
      type: s.type,
      owner: s.owner,
      system: s.system,
      lifecycle: 'production',
    },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${s.owner}` },
      { type: 'partOf', targetRef: `system:default/${s.system}` },
    ],
  }));
  return [...groups, ...systems, ...services];
}
