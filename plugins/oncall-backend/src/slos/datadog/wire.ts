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

const seriesPart = z
  .object({ values: z.array(z.number().nullable()) })
  .passthrough();

export const sloHistorySchema = z
  .object({
    data: z
      .object({
        type: z.string().nullish(),
        overall: z
          .object({
            sli_value: z.number().nullish(),
            /** Monitor SLOs: state transitions `[epoch s, 0 up | 1 down | 2 no data]`. */
            history: z.array(z.tuple([z.number(), z.number()])).nullish(),
          })
          .passthrough()
          .nullish(),
        /** Metric SLOs: good (numerator) and total (denominator) events per interval. */
        series: z
          .object({
            times: z.array(z.number()),
            numerator: seriesPart,
            denominator: seriesPart,
          })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

export type DatadogSloHistory = z.infer<typeof sloHistorySchema>;

export const monitorSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    tags: z.array(z.string()).nullish(),
    overall_state: z.string().nullish(),
  })
  .passthrough();

export const monitorListSchema = z.array(z.unknown());
