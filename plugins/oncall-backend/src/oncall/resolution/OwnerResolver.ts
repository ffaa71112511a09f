import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AnnotationHint,
  OPSGENIE_SCHEDULE_ANNOTATION,
  OPSGENIE_TEAM_ANNOTATION,
  OPSGENIE_TEAM_HINT,
  ResolutionVia,
  splitAnnotation,
} from '@oncall-for-backstage/plugin-oncall-common';
import { z } from 'zod';

/** Loads a Group entity by ref (with the caller's credentials); undefined when not visible. */
export type GroupLoader = (groupRef: string) => Promise<Entity | undefined>;

/** A mapping found for an entity. */
export interface Resolved {
  resolved: true;
  via: ResolutionVia;
  /**
   * What names the team: an `opsgenie.com/*` annotation (on the entity, or on `groupRef`), an
   * `oncall.teamMappings` entry for `groupRef`, or an Opsgenie team with the Group's name.
   */
  mappedBy: 'annotation' | 'config' | 'name';
  groupRef?: string;
  /** The Opsgenie team, when known from the mapping. */
  team?: string;
  /** Schedules pinned by annotation. */
  schedules?: string[];
  /** The Groups walked, starting at the owner. */
  path: string[];
}

/** No mapping anywhere on the owner chain. */
export interface Unresolved {
  resolved: false;
  groupRef?: string;
  path: string[];
  reason: string;
  /** The annotation that would fix it. */
  annotation: AnnotationHint;
}

export type Resolution = Resolved | Unresolved;

const MAX_DEPTH = 10;

const stringArray = z.array(z.string());

function relations(
  entity: Entity,
  field: 'owner' | 'parent' | 'memberOf',
): string[] {
  const spec = entity.spec ?? {};
  const value = spec[field];
  if (typeof value === 'string') {
    return [value];
  }
  const parsed = stringArray.safeParse(value);
  return parsed.success ? parsed.data : [];
}

function groupRefOf(ref: string, namespace: string): string | undefined {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'group',
      defaultNamespace: namespace,
    });
    return parsed.kind.toLocaleLowerCase('en-US') === 'group'
      ? stringifyEntityRef(parsed)
      : undefined;
  } catch {
    return undefined;
  }
}

function annotationMapping(
  entity: Entity,
): { team?: string; schedules?: string[] } | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const team = annotations[OPSGENIE_TEAM_ANNOTATION]?.trim();
  const schedules = splitAnnotation(annotations[OPSGENIE_SCHEDULE_ANNOTATION]);
  if (!team && schedules.length === 0) {
    return undefined;
  }
  return {
    team: team || undefined,
    schedules: schedules.length > 0 ? schedules : undefined,
  };
}

/**
 * Maps a catalog entity to an Opsgenie team, in this order: the entity's own annotation
 * (`opsgenie.com/team` / `opsgenie.com/schedule`); then for its owner Group: the Group's
 * annotation, an explicit `oncall.teamMappings` entry, an Opsgenie team named like the
 * Group; then the same rules up the Group's `spec.parent` chain. A User resolves through
 * the Groups it is a member of.
 */
export class OwnerResolver {
  readonly #teamMappings: Map<string, string>;
  readonly #teamExists: (name: string) => Promise<boolean>;

  constructor(options: {
    teamMappings: Map<string, string>;
    teamExists: (name: string) => Promise<boolean>;
  }) {
    this.#teamMappings = options.teamMappings;
    this.#teamExists = options.teamExists;
  }

  async resolve(entity: Entity, loadGroup: GroupLoader): Promise<Resolution> {
    const kind = entity.kind.toLocaleLowerCase('en-US');
    const namespace = entity.metadata.namespace ?? 'default';
    if (kind === 'group') {
      return this.#walk(stringifyEntityRef(entity), entity, loadGroup, true);
    }
    const own = annotationMapping(entity);
    if (own) {
      return {
        resolved: true,
        via: 'annotation',
        mappedBy: 'annotation',
        ...own,
        path: [],
      };
    }
    const starts =
      kind === 'user'
        ? relations(entity, 'memberOf')
        : relations(entity, 'owner');
    const groupRefs = starts
      .map(ref => groupRefOf(ref, namespace))
      .filter((ref): ref is string => ref !== undefined);
    if (groupRefs.length === 0) {
      return {
        resolved: false,
        path: [],
        reason:
          kind === 'user'
            ? 'The user is not a member of any Group.'
            : 'The entity has no Group as spec.owner.',
        annotation: OPSGENIE_TEAM_HINT,
      };
    }
    let first: Unresolved | undefined;
    for (const groupRef of groupRefs) {
      const group = await loadGroup(groupRef);
      const result = group
        ? await this.#walk(groupRef, group, loadGroup, false)
        : missingGroup(groupRef);
      if (result.resolved) {
        return result;
      }
      first = first ?? result;
    }
    return first ?? missingGroup(groupRefs[0]);
  }

  async #walk(
    startRef: string,
    start: Entity,
    loadGroup: GroupLoader,
    isSubject: boolean,
  ): Promise<Resolution> {
    const path: string[] = [];
    let groupRef = startRef;
    let group: Entity | undefined = start;
    for (let depth = 0; group && depth < MAX_DEPTH; depth++) {
      if (path.includes(groupRef)) {
        break;
      }
      path.push(groupRef);
      const mapping = await this.#groupMapping(groupRef, group);
      if (mapping) {
        const { mappedBy, ...named } = mapping;
        // a Group's own annotation maps its owned entities through their owner
        let via: ResolutionVia = mappedBy;
        if (depth > 0) {
          via = 'parent';
        } else if (mappedBy === 'annotation' && !isSubject) {
          via = 'owner';
        }
        return {
          resolved: true,
          via,
          mappedBy,
          groupRef,
          ...named,
          path: [...path],
        };
      }
      const parent = parentRefOf(group);
      if (!parent) {
        break;
      }
      groupRef = parent;
      group = await loadGroup(parent);
    }
    const owner = path[0] ?? startRef;
    return {
      resolved: false,
      groupRef: owner,
      path,
      reason: `No Opsgenie team is mapped for ${path.join(
        ' → ',
      )}: no ${OPSGENIE_TEAM_ANNOTATION} annotation, no oncall.teamMappings entry and no Opsgenie team with the Group's name.`,
      annotation: {
        key: OPSGENIE_TEAM_ANNOTATION,
        value: parseEntityRef(owner).name,
      },
    };
  }

  /**
   * What names a Group's team, first found: the Group's annotation, its `oncall.teamMappings`
   * entry, an Opsgenie team with the Group's name.
   */
  async #groupMapping(
    groupRef: string,
    group: Entity,
  ): Promise<
    | { mappedBy: Resolved['mappedBy']; team?: string; schedules?: string[] }
    | undefined
  > {
    const annotated = annotationMapping(group);
    if (annotated) {
      return { mappedBy: 'annotation', ...annotated };
    }
    const configured = this.#teamMappings.get(groupRef);
    if (configured) {
      return { mappedBy: 'config', team: configured };
    }
    const name = group.metadata.name;
    if (await this.#teamExists(name)) {
      return { mappedBy: 'name', team: name };
    }
    return undefined;
  }
}

function parentRefOf(group: Entity): string | undefined {
  const namespace = group.metadata.namespace ?? 'default';
  return relations(group, 'parent')
    .map(ref => groupRefOf(ref, namespace))
    .find((ref): ref is string => ref !== undefined);
}

function missingGroup(groupRef: string): Unresolved {
  return {
    resolved: false,
    groupRef,
    path: [groupRef],
    reason: `The owner ${groupRef} is not in the catalog (or not visible to you).`,
    annotation: OPSGENIE_TEAM_HINT,
  };
}
