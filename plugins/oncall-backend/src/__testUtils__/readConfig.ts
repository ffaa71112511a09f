import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readOnCallConfig } from '../config';

/** Reads `oncall` as the plugin would, from a config with only that section. */
export const read = (oncall: JsonObject | undefined) =>
  readOnCallConfig(new ConfigReader(oncall === undefined ? {} : { oncall }));

/** The error `readOnCallConfig` throws for the config, as `name: message`. */
export function errorOf(oncall: JsonObject): string {
  try {
    read(oncall);
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : '?';
  }
  throw new Error('the config was accepted');
}

export const opsgenie = {
  baseUrl: 'https://api.opsgenie.com',
  apiKey: 'og-key',
};
export const blameless = {
  baseUrl: 'https://acme.blameless.io',
  apiKey: 'bl-key',
};
export const datadog = { apiKey: 'dd-api', applicationKey: 'dd-app' };

/** Values of the wrong type for a number key. */
export const notNumbers = ['ten', true, [], { days: 1 }];
