import { z } from 'zod';
import { lenient } from '../../lib/lenient';
import { isPathSegment } from '../../lib/VendorHttpClient';

/**
 * DataDog v1 wire format (SLOs, SLO search, SLO history, monitors), parsed leniently: only the fields we
 * read are declared; unknown keys pass. Checked against the recorded samples.
 */

const threshold = lenient({
  timeframe: z.string(),
  target: z.number(),
  warning: z.number().nullish(),
});

export const sloSchema = lenient({
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
});

export type DatadogSlo = z.infer<typeof sloSchema>;

export const sloListSchema = lenient({
  data: z.array(z.unknown()).nullish(),
});

const seriesPart = lenient({ values: z.array(z.number().nullable()) });

export const sloHistorySchema = lenient({
  data: lenient({
    type: z.string().nullish(),
    overall: lenient({
      sli_value: z.number().nullish(),
      /** Monitor SLOs: state transitions `[epoch s, 0 up | 1 down | 2 no data]`. */
      history: z.array(z.tuple([z.number(), z.number()])).nullish(),
    }).nullish(),
    /** Metric SLOs: good (numerator) and total (denominator) events per interval. */
    series: lenient({
      /** Seconds per entry of `times`. */
      interval: z.number().nullish(),
      times: z.array(z.number()),
      numerator: seriesPart,
      denominator: seriesPart,
    }).nullish(),
  }).nullish(),
});

export type DatadogSloHistory = z.infer<typeof sloHistorySchema>;

const sloStatusSchema = lenient({
  timeframe: z.string().nullish(),
  /** The SLI in percent (`status` in `overall_status[]`, `sli` in `status`). */
  status: z.number().nullish(),
  sli: z.number().nullish(),
  error_budget_remaining: z.number().nullish(),
  state: z.string().nullish(),
  /** Epoch seconds of the indexed status. */
  indexed_at: z.number().nullish(),
});

export type DatadogSloStatus = z.infer<typeof sloStatusSchema>;

/** One item of `GET /api/v1/slo/search`: `data.attributes.slos[]`. */
export const sloSearchItemSchema = lenient({
  data: lenient({
    id: z.string().min(1),
    attributes: lenient({
      timeframe: z.string().nullish(),
      status: sloStatusSchema.nullish(),
      overall_status: z.array(sloStatusSchema).nullish(),
    }).nullish(),
  }),
});

export type DatadogSloSearchItem = z.infer<typeof sloSearchItemSchema>;

/** A page of `GET /api/v1/slo/search`; items are parsed one by one with {@link sloSearchItemSchema}. */
export const sloSearchPageSchema = lenient({
  data: lenient({
    attributes: lenient({ slos: z.array(z.unknown()).nullish() }).nullish(),
  }).nullish(),
  meta: lenient({
    pagination: lenient({
      total: z.number().nullish(),
      last_number: z.number().nullish(),
    }).nullish(),
  }).nullish(),
});

export const monitorSchema = lenient({
  id: z.number().int(),
  name: z.string(),
  tags: z.array(z.string()).nullish(),
  overall_state: z.string().nullish(),
});

export const monitorListSchema = z.array(z.unknown());
