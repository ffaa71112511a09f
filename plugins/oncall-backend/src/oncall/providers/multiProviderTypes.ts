import { OnCallProviderType } from '@oncall-for-backstage/plugin-oncall-common';
import { OnCallProvider } from '../OnCallProvider';

/** One provider inside the composite: its configured id, its tool and the adapter. */
export interface NamedOnCallProvider {
  id: string;
  type: OnCallProviderType;
  provider: OnCallProvider;
}

/** A team name found in several providers, and which one (if any) was kept. */
export interface TeamCollision {
  team: string;
  providerIds: string[];
  /** The provider whose team is served; the default provider when nothing decided. */
  kept: string;
  via: 'teamProviders' | 'prefer' | 'default';
  /** True when nothing in the config decided (the default provider's team is kept). */
  ambiguous: boolean;
  message: string;
}

/** A provider that did not answer during the last listing. */
export interface ProviderFailure {
  providerId: string;
  error: string;
}
