import {
  CoverageEntry,
  CoverageGroup,
  CoverageState,
} from '@oncall-for-backstage/plugin-oncall-common';

/** A row state on the coverage page: the backend's state, or `ambiguous`. */
export type CoverageRowState = CoverageState | 'ambiguous';

/** Filters of the coverage page; empty values match everything. */
export interface CoverageFilter {
  /** A provider id, `none` for rows without a provider, or empty. */
  providerId: string;
  state: CoverageRowState | '';
  text: string;
}

/** The state shown for a row: ambiguity wins over the state it would otherwise have. */
export function rowState(entry: CoverageEntry): CoverageRowState {
  return entry.ambiguity ? 'ambiguous' : entry.state;
}

function matches(entry: CoverageEntry, filter: CoverageFilter): boolean {
  if (filter.providerId) {
    const id = entry.provider?.providerId ?? 'none';
    if (id !== filter.providerId) {
      return false;
    }
  }
  if (filter.state && rowState(entry) !== filter.state) {
    return false;
  }
  const text = filter.text.trim().toLocaleLowerCase('en-US');
  if (!text) {
    return true;
  }
  return [
    entry.entityRef,
    entry.team,
    entry.groupRef,
    ...(entry.rotations ?? []).map(rotation => rotation.name),
  ].some(value => value?.toLocaleLowerCase('en-US').includes(text));
}

/**
 * The Groups (and their services) that match the filter. A Group is kept with its matching
 * services even when only a service matches, so every row keeps its team as context.
 */
export function filterCoverage(
  groups: CoverageGroup[],
  filter: CoverageFilter,
): Array<{
  group: CoverageGroup;
  groupMatches: boolean;
  services: CoverageEntry[];
}> {
  const result = [];
  for (const group of groups) {
    const groupMatches = matches(group, filter);
    const services = group.services.filter(service => matches(service, filter));
    if (groupMatches || services.length) {
      result.push({ group, groupMatches, services });
    }
  }
  return result;
}

/** Every provider id the report mentions, sorted, for the provider filter. */
export function providerIds(groups: CoverageGroup[]): string[] {
  const ids = new Set<string>();
  for (const entry of groups.flatMap(group => [group, ...group.services])) {
    if (entry.provider) {
      ids.add(entry.provider.providerId);
    }
  }
  return [...ids].sort();
}
