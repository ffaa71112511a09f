import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  HEALTH_THRESHOLD_SOURCE,
  HealthHours,
  HealthThresholds,
} from '@oncall-for-backstage/plugin-oncall-common';
import { z } from 'zod';
import { readConfigSection } from '../lib/configSection';

/** `oncall.health.*` with defaults applied. */
export interface HealthConfig {
  /** Pages raised longer ago are pruned, and the first sync reaches this far back. */
  retentionDays: number;
  thresholds: HealthThresholds;
  hours: HealthHours;
  refresh: SchedulerServiceTaskScheduleDefinition;
}

/** The defaults: Google SRE book, "Being On-Call". */
export const DEFAULT_THRESHOLDS: HealthThresholds = {
  pagesPerShift: 2,
  shiftHours: 12,
  sleepNights: 2,
  source: { ...HEALTH_THRESHOLD_SOURCE },
};

export const DEFAULT_HOURS: HealthHours = {
  businessStartHour: 8,
  businessEndHour: 18,
  sleepEndHour: 7,
};

const DEFAULT_REFRESH: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

const hour = z.number().int().min(0).max(24);

const schema = z
  .object({
    retentionDays: z.number().int().min(1).max(3650).optional(),
    thresholds: z
      .object({
        pagesPerShift: z.number().min(0).optional(),
        shiftHours: z.number().min(1).max(168).optional(),
        sleepNights: z.number().int().min(1).max(7).optional(),
      })
      .strict()
      .optional(),
    hours: z
      .object({
        businessStartHour: hour.optional(),
        businessEndHour: hour.optional(),
        sleepEndHour: hour.optional(),
      })
      .strict()
      .optional(),
    refresh: z.unknown().optional(),
  })
  .strict();

/** Reads `oncall.health`; a bad value is an error at startup naming its key. */
export function readHealthConfig(config: Config): HealthConfig {
  const value = readConfigSection(config, 'oncall.health', schema);
  const configured = value.thresholds ?? {};
  const custom = Object.values(configured).some(v => v !== undefined);
  const hours = { ...DEFAULT_HOURS, ...value.hours };
  if (hours.businessStartHour >= hours.businessEndHour) {
    throw new InputError(
      'oncall.health.hours.businessStartHour must be before businessEndHour',
    );
  }
  let refresh = DEFAULT_REFRESH;
  const refreshConfig = config.getOptionalConfig('oncall.health.refresh');
  if (refreshConfig) {
    try {
      refresh =
        readSchedulerServiceTaskScheduleDefinitionFromConfig(refreshConfig);
    } catch (error) {
      throw new InputError(`oncall.health.refresh is invalid: ${error}`);
    }
  }
  return {
    retentionDays: value.retentionDays ?? 180,
    thresholds: {
      pagesPerShift:
        configured.pagesPerShift ?? DEFAULT_THRESHOLDS.pagesPerShift,
      shiftHours: configured.shiftHours ?? DEFAULT_THRESHOLDS.shiftHours,
      sleepNights: configured.sleepNights ?? DEFAULT_THRESHOLDS.sleepNights,
      source: custom
        ? {
            title: `The portal's oncall.health.thresholds (default: ${HEALTH_THRESHOLD_SOURCE.title})`,
            url: HEALTH_THRESHOLD_SOURCE.url,
          }
        : { ...HEALTH_THRESHOLD_SOURCE },
    },
    hours,
    refresh,
  };
}
