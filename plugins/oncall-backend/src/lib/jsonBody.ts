import { InputError } from '@backstage/errors';
import express, { RequestHandler } from 'express';

/** Whether an error is express.json's answer to a body that does not parse. */
function isUnparseableBody(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    error.type === 'entity.parse.failed'
  );
}

/**
 * `express.json` whose parse failure is a plain 400 `body: not valid JSON`. The parser's own
 * error carries the raw body and a snippet of it in its message, which the error handler would
 * send back to the caller.
 */
export function jsonBody(options: { limit: string }): RequestHandler {
  const parse = express.json({ limit: options.limit });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (isUnparseableBody(error)) {
        next(new InputError('body: not valid JSON'));
        return;
      }
      next(error);
    });
  };
}
