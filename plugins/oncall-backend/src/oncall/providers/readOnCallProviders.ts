import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ONCALL_PROVIDER_TYPES,
  OnCallProviderType,
} from '@oncall-for-backstage/plugin-oncall-common';

/** One configured on-call provider: its id, its tool and its own config section. */
export interface ProviderSection {
  id: string;
  type: OnCallProviderType;
  /** That provider's section, read by the tool's `read<Vendor>ProviderConfig`. */
  config: Config;
  /** Where it is configured, for error messages (`oncall.jsm`, `oncall.providers[1]`). */
  key: string;
}

/** Every configured provider and the settings that decide a team's provider. */
export interface OnCallProvidersConfig {
  providers: ProviderSection[];
  /** `oncall.teamProviders`: Group name (lower-case) → provider id. */
  teamProviders: Map<string, string>;
  /** `oncall.migration.prefer`: provider ids, first wins for a team found in several. */
  prefer: string[];
}

const ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function isType(value: string): value is OnCallProviderType {
  return (ONCALL_PROVIDER_TYPES as readonly string[]).includes(value);
}

/**
 * Reads `oncall.opsgenie`, `oncall.jsm`, `oncall.pagerduty` (each an implicit provider with the
 * tool's name as id) and `oncall.providers[]`, then `oncall.teamProviders` and
 * `oncall.migration.prefer`. Ids are unique; every error names the key to fix.
 */
export function readOnCallProviders(
  oncall: Config | undefined,
): OnCallProvidersConfig {
  const providers: ProviderSection[] = [];
  const add = (section: ProviderSection, idKey: string) => {
    const existing = providers.find(p => p.id === section.id);
    if (existing) {
      throw new InputError(
        `${idKey} '${section.id}' is already the id of ${existing.key}; provider ids must be unique`,
      );
    }
    providers.push(section);
  };
  for (const type of ONCALL_PROVIDER_TYPES) {
    const config = oncall?.getOptionalConfig(type);
    if (config) {
      add({ id: type, type, config, key: `oncall.${type}` }, `oncall.${type}`);
    }
  }
  (oncall?.getOptionalConfigArray('providers') ?? []).forEach(
    (config, index) => {
      const key = `oncall.providers[${index}]`;
      const id = config.getOptionalString('id');
      if (!id || !ID.test(id)) {
        throw new InputError(
          `${key}.id must be a lower-case id such as jsm or opsgenie-eu, got ${JSON.stringify(
            id ?? null,
          )}`,
        );
      }
      const type = config.getOptionalString('type') ?? '';
      if (!isType(type)) {
        throw new InputError(
          `${key}.type must be one of ${ONCALL_PROVIDER_TYPES.join(
            ', ',
          )}, got ${JSON.stringify(type)}`,
        );
      }
      add({ id, type, config, key }, `${key}.id`);
    },
  );
  const known = (id: string) => providers.some(p => p.id === id);
  const teamProviders = new Map<string, string>();
  const mapping = oncall?.getOptionalConfig('teamProviders');
  for (const group of mapping?.keys() ?? []) {
    const id = mapping!.getString(group);
    if (!known(id)) {
      throw new InputError(
        `oncall.teamProviders.${group} names '${id}', which is not a configured provider (${
          providers.map(p => p.id).join(', ') || 'none'
        })`,
      );
    }
    teamProviders.set(group.toLocaleLowerCase('en-US'), id);
  }
  const prefer =
    oncall?.getOptionalStringArray('migration.prefer') ?? ([] as string[]);
  prefer.forEach((id, index) => {
    if (!known(id)) {
      throw new InputError(
        `oncall.migration.prefer[${index}] names '${id}', which is not a configured provider (${
          providers.map(p => p.id).join(', ') || 'none'
        })`,
      );
    }
  });
  return { providers, teamProviders, prefer };
}
