import { Entity } from '@backstage/catalog-model';
import {
  ONCALL_PROVIDER_ANNOTATION,
  OnCallProviderType,
} from '@oncall-for-backstage/plugin-oncall-common';
import { OnCallProvidersConfig } from './readOnCallProviders';

/** Each tool's own team annotations: a Group carrying one is on a provider of that tool. */
const TOOL_ANNOTATIONS: Record<OnCallProviderType, string[]> = {
  opsgenie: ['opsgenie.com/team', 'opsgenie.com/schedule'],
  jsm: ['jsm.atlassian.com/team', 'jsm.atlassian.com/schedule'],
  pagerduty: ['pagerduty.com/service-id', 'pagerduty.com/escalation-policy-id'],
};

/** Which provider a team is on, and how that was decided. */
export type TeamProvider =
  | {
      kind: 'resolved';
      providerId: string;
      via: 'annotation' | 'mapping' | 'name';
      /** Set when several providers had the team and `oncall.migration.prefer` chose. */
      preferredOver?: string[];
    }
  | { kind: 'ambiguous'; providerIds: string[]; message: string }
  | { kind: 'unknown'; message: string }
  | { kind: 'missing' };

function byPreference(candidates: string[], prefer: string[]) {
  return prefer.find(id => candidates.includes(id));
}

/**
 * Decides a Group's provider: `oncall.backstage.io/provider`, else a tool's own annotation,
 * else `oncall.teamProviders`, else the providers having a team with the Group's name. Where
 * several remain, `oncall.migration.prefer` decides; without it the answer is ambiguous —
 * never a guess.
 */
export function resolveTeamProvider(
  group: Entity,
  config: OnCallProvidersConfig,
  hasTeam: (providerId: string, teamName: string) => boolean,
): TeamProvider {
  const annotations = group.metadata.annotations ?? {};
  const name = group.metadata.name;
  const pinned = annotations[ONCALL_PROVIDER_ANNOTATION]?.trim();
  if (pinned) {
    return config.providers.some(p => p.id === pinned)
      ? { kind: 'resolved', providerId: pinned, via: 'annotation' }
      : {
          kind: 'unknown',
          message: `${ONCALL_PROVIDER_ANNOTATION} names '${pinned}', which is not a configured provider`,
        };
  }
  const annotated = config.providers.filter(p =>
    TOOL_ANNOTATIONS[p.type].some(key => annotations[key]),
  );
  const mapped = config.teamProviders.get(name.toLocaleLowerCase('en-US'));
  if (!annotated.length && mapped) {
    return { kind: 'resolved', providerId: mapped, via: 'mapping' };
  }
  const pool = annotated.length ? annotated : config.providers;
  const via = annotated.length ? 'annotation' : 'name';
  const candidates =
    annotated.length === 1
      ? [annotated[0].id]
      : pool
          .filter(p =>
            hasTeam(p.id, annotations[TOOL_ANNOTATIONS[p.type][0]] ?? name),
          )
          .map(p => p.id);
  if (candidates.length === 1) {
    return { kind: 'resolved', providerId: candidates[0], via };
  }
  if (!candidates.length) {
    return { kind: 'missing' };
  }
  if (mapped && candidates.includes(mapped)) {
    return { kind: 'resolved', providerId: mapped, via: 'mapping' };
  }
  const preferred = byPreference(candidates, config.prefer);
  if (preferred) {
    return {
      kind: 'resolved',
      providerId: preferred,
      via,
      preferredOver: candidates.filter(id => id !== preferred),
    };
  }
  return {
    kind: 'ambiguous',
    providerIds: candidates,
    message: `Team '${name}' is in ${candidates.join(
      ' and ',
    )}; pin one with ${ONCALL_PROVIDER_ANNOTATION}, oncall.teamProviders or oncall.migration.prefer.`,
  };
}
