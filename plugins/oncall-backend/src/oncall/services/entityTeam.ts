import { stringifyEntityRef } from '@backstage/catalog-model';
import { CallerCredentials } from '../../lib/credentials';
import { EntityLoader } from '../../lib/EntityLoader';
import { EntityParams } from '../../lib/entityParams';
import { OwnerResolver, Resolution } from '../resolution/OwnerResolver';
import { CallerGroups } from './CallerGroups';

/** What finding the on-call team of an entity reads. */
export interface EntityTeamReads {
  entities: EntityLoader;
  resolver: OwnerResolver;
  groups: CallerGroups;
}

/**
 * The entity a route names, loaded and resolved to its on-call team as the caller sees it
 * (the owner Groups are read with the caller's credentials).
 */
export async function resolveEntityTeam(
  reads: EntityTeamReads,
  params: EntityParams,
  credentials: CallerCredentials,
): Promise<{ entityRef: string; resolution: Resolution }> {
  const entity = await reads.entities.load(params, credentials);
  const resolution = await reads.resolver.resolve(
    entity,
    reads.groups.loaderFor(credentials),
  );
  return { entityRef: stringifyEntityRef(entity), resolution };
}
