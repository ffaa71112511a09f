import { Config } from '@backstage/config';
import {
  SEVERITIES,
  Severity,
} from '@oncall-for-backstage/plugin-oncall-common';
import { z } from 'zod';
import { readConfigSection } from '../lib/configSection';

/** `oncall.notifications.*` with defaults applied. */
export interface NotificationsConfig {
  enabled: boolean;
  /** Incidents of this severity or worse notify their owners when opened. */
  minSeverity: Severity;
  /** How long before a shift starts its responder is reminded. */
  shiftReminderMinutes: number;
}

export const DEFAULT_NOTIFICATIONS: NotificationsConfig = {
  enabled: true,
  minSeverity: 'sev1',
  shiftReminderMinutes: 60,
};

const schema = z
  .object({
    enabled: z.boolean().optional(),
    minSeverity: z.enum(SEVERITIES).optional(),
    shiftReminderMinutes: z.number().int().min(1).max(1440).optional(),
  })
  .strict();

/** Reads `oncall.notifications`; a bad value is an error at startup naming its key. */
export function readNotificationsConfig(config: Config): NotificationsConfig {
  const value = readConfigSection(config, 'oncall.notifications', schema);
  return { ...DEFAULT_NOTIFICATIONS, ...stripUndefined(value) };
}

function stripUndefined(
  value: Partial<NotificationsConfig>,
): Partial<NotificationsConfig> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  );
}

/** Whether an incident of `severity` is at least as severe as `min` (sev0 is the worst). */
export function isAtLeast(severity: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(min);
}
