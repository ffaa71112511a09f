import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_CHILD_OF,
  RELATION_PARENT_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const PAGE_SIZE = 500;

/** The catalog's Groups as a tree: which Groups sit below which (via `spec.parent`). */
export class GroupTree {
  readonly #children: Map<string, Set<string>>;

  private constructor(children: Map<string, Set<string>>) {
    this.#children = children;
  }

  /** Reads every Group's parent and children relations, page by page. */
  static async load(
    catalog: CatalogService,
    credentials: BackstageCredentials,
  ): Promise<GroupTree> {
    const children = new Map<string, Set<string>>();
    const link = (parent: string, child: string) => {
      const set = children.get(parent) ?? new Set<string>();
      set.add(child);
      children.set(parent, set);
    };
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: { kind: 'Group' },
              fields: [
                'kind',
                'metadata.name',
                'metadata.namespace',
                'relations',
              ],
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      for (const group of page.items) {
        const ref = stringifyEntityRef(group);
        for (const relation of group.relations ?? []) {
          const target = relation.targetRef.toLocaleLowerCase('en-US');
          if (relation.type === RELATION_CHILD_OF) {
            link(target, ref);
          } else if (relation.type === RELATION_PARENT_OF) {
            link(ref, target);
          }
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return new GroupTree(children);
  }

  /** The given Group refs and every Group below them (children, their children, …). */
  withDescendants(groupRefs: Iterable<string>): Set<string> {
    const result = new Set<string>();
    const queue = [...groupRefs].map(ref => ref.toLocaleLowerCase('en-US'));
    for (let i = 0; i < queue.length; i++) {
      const ref = queue[i];
      if (!result.has(ref)) {
        result.add(ref);
        queue.push(...(this.#children.get(ref) ?? []));
      }
    }
    return result;
  }
}

/** True for a `group:` entity ref. */
export function isGroupRef(ref: string): boolean {
  try {
    return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group';
  } catch {
    return false;
  }
}
