import { z } from 'zod';

/**
 * A vendor object parsed leniently: the fields in `shape` are checked, every other key the
 * vendor sends passes through untouched (`z.object(shape).passthrough()`).
 */
export const lenient = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape).passthrough();
