import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CoverageEntry,
  CoverageGroup,
  CoverageRotation,
  CoverageVia,
  OPSGENIE_TEAM_ANNOTATION,
  OnCallProviderType,
  ResolutionVia,
} from '@oncall-for-backstage/plugin-oncall-common';
import { capEchoList } from '../../lib/echo';
import { Resolution } from '../resolution/OwnerResolver';

/** The provider a coverage row's team comes from. */
export interface CoverageProvider {
  providerId: string;
  provider: OnCallProviderType;
}

const VIA: Record<ResolutionVia, CoverageVia> = {
  annotation: 'annotation',
  owner: 'owner',
  parent: 'parent',
  config: 'mapping',
  name: 'name',
};

/** `catalog-info.yaml` lines that map a Group (or an entity) to a team. */
export function annotationYaml(entityName: string, team: string): string {
  return [
    'metadata:',
    `  name: ${entityName}`,
    '  annotations:',
    `    ${OPSGENIE_TEAM_ANNOTATION}: ${team}`,
  ].join('\n');
}

function ownerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

function teamRotations(
  team: string | undefined,
  rotations: (team: string) => CoverageRotation[],
): CoverageRotation[] {
  return team ? rotations(team) : [];
}

/**
 * Adds what the coverage page shows to a row: the provider, how it was resolved, the
 * rotations and, for a missing or broken mapping, the exact YAML to add.
 */
export function enrichEntry(
  entity: Entity,
  entry: CoverageEntry,
  resolution: Resolution,
  options: {
    provider: CoverageProvider;
    rotations: (team: string) => CoverageRotation[];
  },
): CoverageEntry {
  if (!resolution.resolved) {
    const target = resolution.groupRef
      ? parseEntityRef(resolution.groupRef).name
      : entity.metadata.name;
    return { ...entry, yaml: annotationYaml(target, target) };
  }
  const via = VIA[resolution.via];
  if (entry.state === 'broken') {
    const target = resolution.groupRef
      ? parseEntityRef(resolution.groupRef).name
      : entity.metadata.name;
    return { ...entry, via, yaml: annotationYaml(target, target) };
  }
  const rotations = resolution.schedules
    ? capEchoList(resolution.schedules).map(name => ({
        name,
        source: { ...options.provider },
      }))
    : teamRotations(resolution.team, options.rotations);
  return { ...entry, provider: { ...options.provider }, via, rotations };
}

/**
 * Every Group with the services (Components) it owns, both sorted by ref. Components owned by
 * something other than a listed Group stay in the flat `items` only.
 */
export function groupCoverage(
  rows: Array<{ entity: Entity; entry: CoverageEntry }>,
): CoverageGroup[] {
  const groups = new Map<string, CoverageGroup>();
  for (const { entity, entry } of rows) {
    if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
      groups.set(entry.entityRef, { ...entry, services: [] });
    }
  }
  for (const { entity, entry } of rows) {
    if (entity.kind.toLocaleLowerCase('en-US') !== 'component') {
      continue;
    }
    const owner = ownerRef(entity);
    const group = owner ? groups.get(owner) : undefined;
    group?.services.push(entry);
  }
  const sorted = [...groups.values()].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  );
  for (const group of sorted) {
    group.services.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }
  return sorted;
}
