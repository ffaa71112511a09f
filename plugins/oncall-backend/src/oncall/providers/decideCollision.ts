import { TeamCollision } from './multiProviderTypes';

/**
 * Which provider serves a team name found in several providers: the one
 * `oncall.teamProviders` maps it to, else the first of `oncall.migration.prefer` that has it,
 * else the default provider (reported as ambiguous).
 */
export function decideCollision(
  name: string,
  providerIds: string[],
  config: {
    /** The default (first) provider's id. */
    defaultId: string;
    /** `oncall.teamProviders`: provider id per lower-case team name. */
    teamProviders: Map<string, string>;
    /** `oncall.migration.prefer`: provider ids in order of preference. */
    prefer: string[];
  },
): TeamCollision {
  const { defaultId, teamProviders, prefer } = config;
  const mapped = teamProviders.get(name.toLocaleLowerCase('en-US'));
  if (mapped && providerIds.includes(mapped)) {
    return {
      team: name,
      providerIds,
      kept: mapped,
      via: 'teamProviders',
      ambiguous: false,
      message: `Team '${name}' is in ${providerIds.join(
        ' and ',
      )}; oncall.teamProviders picks ${mapped}.`,
    };
  }
  const preferred = prefer.find(id => providerIds.includes(id));
  if (preferred) {
    return {
      team: name,
      providerIds,
      kept: preferred,
      via: 'prefer',
      ambiguous: false,
      message: `Team '${name}' is in ${providerIds.join(
        ' and ',
      )}; oncall.migration.prefer picks ${preferred}.`,
    };
  }
  const kept = providerIds.includes(defaultId) ? defaultId : providerIds[0];
  return {
    team: name,
    providerIds,
    kept,
    via: 'default',
    ambiguous: true,
    message: `Team '${name}' is in ${providerIds.join(
      ' and ',
    )}; showing ${kept} — pin one with oncall.teamProviders or oncall.migration.prefer.`,
  };
}
