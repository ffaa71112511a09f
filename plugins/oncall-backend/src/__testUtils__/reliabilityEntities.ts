import { Entity } from '@backstage/catalog-model';
import { DemoOrg } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import {
  demoGroupEntity,
  demoServiceEntity,
  demoSystemEntity,
} from './demoEntities';

/**
 * The demo organisation's Groups, Systems, Components and APIs as the catalog serves them,
 * relations included, with the `blameless.com/service` annotation where the demo sets it.
 */
export function reliabilityEntities(org: DemoOrg): Entity[] {
  const groups = org.groups.map(g => demoGroupEntity(g));
  const systems: Entity[] = org.systems.map(s => ({
    ...demoSystemEntity(s),
    relations: [{ type: 'ownedBy', targetRef: `group:default/${s.owner}` }],
  }));
  const services: Entity[] = org.services.map(s => ({
    ...demoServiceEntity(
      s,
      s.blamelessService !== s.name
        ? { 'blameless.com/service': s.blamelessService }
        : undefined,
    ),
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${s.owner}` },
      { type: 'partOf', targetRef: `system:default/${s.system}` },
    ],
  }));
  return [...groups, ...systems, ...services];
}
