import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CoverageEntry,
  CoverageState,
} from '@oncall-for-backstage/plugin-oncall-common';
import { capEcho, capEchoList } from '../../lib/echo';
import { brokenMapping } from '../resolution/brokenMapping';
import { Resolution, Resolved } from '../resolution/OwnerResolver';

/** How one Component or Group maps to an on-call team, and how to fix it when it does not. */
export function coverageEntry(
  entity: Entity,
  resolution: Resolution,
  known: { teams: Set<string>; schedules: Set<string> } | undefined,
): CoverageEntry {
  const entityRef = stringifyEntityRef(entity);
  const kind = entity.kind;
  if (!resolution.resolved) {
    return {
      entityRef,
      kind,
      state: 'missing',
      groupRef: resolution.groupRef,
      reason: resolution.reason,
      fix: `${resolution.reason} Add the annotation "${
        resolution.annotation.key
      }: ${resolution.annotation.value}" to ${
        resolution.groupRef ?? entityRef
      }, or map the Group in oncall.teamMappings.`,
    };
  }
  const broken = known && brokenMapping(resolution, entityRef, known);
  if (broken) {
    return {
      entityRef,
      kind,
      state: 'broken',
      team: resolution.team
        ? capEcho(resolution.team)
        : resolution.schedules && capEchoList(resolution.schedules).join(', '),
      groupRef: resolution.groupRef,
      reason: broken.reason,
      fix: broken.fix,
    };
  }
  const state = coverageState(resolution.via);
  return {
    entityRef,
    kind,
    state,
    team:
      resolution.team !== undefined
        ? capEcho(resolution.team)
        : resolution.schedules && capEchoList(resolution.schedules).join(', '),
    groupRef: resolution.groupRef,
    fix: coverageFix(state, resolution, entityRef),
  };
}

function coverageState(via: Resolved['via']): CoverageState {
  if (via === 'parent') {
    return 'inherited';
  }
  return via === 'name' ? 'by-name' : 'mapped';
}

function coverageFix(
  state: CoverageState,
  resolution: Resolved,
  entityRef: string,
): string | undefined {
  if (state === 'inherited') {
    return `Inherited from ${resolution.groupRef}; add opsgenie.com/team to ${
      resolution.path[0] ?? entityRef
    } if it has its own rotation.`;
  }
  if (state === 'by-name') {
    return `Matched by name; add opsgenie.com/team: ${resolution.team} to ${resolution.groupRef} to make it explicit.`;
  }
  return undefined;
}
