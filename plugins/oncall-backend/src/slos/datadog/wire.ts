import { z } from 'zod';
import { isPathSegment } from '../../lib/VendorHttpClient';

/**
 * DataDog v1 wire format (SLOs, SLO search, SLO history, monitors), parsed leniently: only the fields we
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
    /** Goes into request paths (`/slo/:id/history`), so `..` and the like are refused. */
    id: z.string().refine(isPathSegment, {
      message:
        'must be an id that can stand in a request path (not empty, "." or "..", without "/")',
    }),
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
            /** Seconds per entry of `times`. */
            interval: z.number().nullish(),
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

const sloStatusSchema = z
  .object({
    timeframe: z.string().nullish(),
    /** The SLI in percent (`status` in `overall_status[]`, `sli` in `status`). */
    status: z.number().nullish(),
    sli: z.number().nullish(),
    error_budget_remaining: z.number().nullish(),
    state: z.string().nullish(),
    /** Epoch seconds of the indexed status. */
    indexed_at: z.number().nullish(),
  })
  .passthrough();

export type DatadogSloStatus = z.infer<typeof sloStatusSchema>;

/** One item of `GET /api/v1/slo/search`: `data.attributes.slos[]`. */
export const sloSearchItemSchema = z
  .object({
    data: z
      .object({
        id: z.string().min(1),
        attributes: z
          .object({
            timeframe: z.string().nullish(),
            status: sloStatusSchema.nullish(),
            overall_status: z.array(sloStatusSchema).nullish(),
          })
          .passthrough()
          .nullish(),
      })
      .passthrough(),
  })
  .passthrough();

export type DatadogSloSearchItem = z.infer<typeof sloSearchItemSchema>;

/** A page of `GET /api/v1/slo/search`; items are parsed one by one with {@link sloSearchItemSchema}. */
export const sloSearchPageSchema = z
  .object({
    data: z
      .object({
        attributes: z
          .object({ slos: z.array(z.unknown()).nullish() })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
    meta: z
      .object({
        pagination: z
          .object({
            total: z.number().nullish(),
            last_number: z.number().nullish(),
          })
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
