import { CustomErrorBase, isError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';

/** An error that says when to try again: its answer carries `Retry-After` (seconds). */
abstract class RetryLaterError extends CustomErrorBase {
  abstract readonly statusCode: number;
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The caller paged more often than the rate limit allows: 429 with `Retry-After`. */
export class TooManyPagesError extends RetryLaterError {
  name = 'TooManyPagesError' as const;
  readonly statusCode = 429;
}

/** Paging's share of the on-call tool's API is full: 503 with `Retry-After`, at once. */
export class PagingBusyError extends RetryLaterError {
  name = 'PagingBusyError' as const;
  readonly statusCode = 503;
}

/**
 * Adds `Retry-After` (seconds) to the answer of an error that says when to try again, then
 * hands the error on to the backend's error handler, which writes the status and body.
 */
export const retryAfterHeader: ErrorRequestHandler = (
  error,
  _req,
  res,
  next,
) => {
  if (isError(error) && error instanceof RetryLaterError && !res.headersSent) {
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
  }
  next(error);
};
