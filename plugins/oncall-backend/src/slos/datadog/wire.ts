import { z } from 'zod';

/**
 * DataDog v1 wire format (SLOs, SLO history, monitors), parsed leniently: only the fields we
 * read are declared; unknown keys pass. Checked against the recorded samples.
 */

const threshold = z
  .object({
    timeframe: z.string(),
    target: z.number(),
    warning: z.number().nullish(),
  })
  .passthrough();

export const sloSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    description: z.string().nullish(),
    type: z.string().nullish(),
    tags: z.array(z.string()).nullish(),
    thresholds: z.array(threshold).min(1),
    timeframe: z.string().nullish(),
    target_threshold: z.number().nullish(),
    warning_threshold: z.number().nullish(),
  })
  .passthrough();

export type DatadogSlo = z.infer<typeof sloSchema>;

export const sloListSchema = z
  .object({
    data: z.array(z.unknown()).nullish(),
  })
  .passthrough();

export const sloHistorySchema = z
  .object({
    data: z
      .object({
        overall: z
          .object({ sli_value: z.number().nullish() })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

export const monitorSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    tags: z.array(z.string()).nullish(),
    overall_state: z.string().nullish(),
  })
  .passthrough();

export const monitorListSchema = z.array(z.unknown());
