import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

const configKey = 'search.collators.oncall';

/** Settings shared by the on-call collators. */
export interface OnCallCollatorOptions {
  /** Records requested per page from the on-call backend. */
  batchSize: number;
  /** Timeout for one page request, in milliseconds. */
  pageTimeoutMs: number;
}

/** Defaults for everything under `search.collators.oncall`. */
export const defaults = {
  schedule: {
    frequency: { minutes: 10 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 10 },
  },
  batchSize: 500,
  pageTimeoutMs: 60_000,
} satisfies OnCallCollatorOptions & {
  schedule: SchedulerServiceTaskScheduleDefinition;
};

/** Reads `search.collators.oncall.schedule`, falling back to the defaults. */
export function readScheduleConfigOptions(
  configRoot: Config,
): SchedulerServiceTaskScheduleDefinition {
  const scheduleConfig = configRoot.getOptionalConfig(`${configKey}.schedule`);
  if (!scheduleConfig) {
    return defaults.schedule;
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
  } catch (error) {
    throw new InputError(`Invalid schedule at ${configKey}.schedule, ${error}`);
  }
}

/** The on-call backend serves at most this many records per page. */
const maxBatchSize = 500;

function readPositiveInteger(
  configRoot: Config,
  key: string,
  fallback: number,
  max?: number,
): number {
  const value = configRoot.getOptionalNumber(`${configKey}.${key}`);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1 || (max && value > max)) {
    const expected = max ? `an integer from 1 to ${max}` : 'a positive integer';
    throw new InputError(
      `Invalid ${configKey}.${key}, expected ${expected} but got ${value}`,
    );
  }
  return value;
}

/** Reads the collator settings under `search.collators.oncall`. */
export function readCollatorConfigOptions(
  configRoot: Config,
): OnCallCollatorOptions {
  return {
    batchSize: readPositiveInteger(
      configRoot,
      'batchSize',
      defaults.batchSize,
      maxBatchSize,
    ),
    pageTimeoutMs: readPositiveInteger(
      configRoot,
      'pageTimeoutMs',
      defaults.pageTimeoutMs,
    ),
  };
}
