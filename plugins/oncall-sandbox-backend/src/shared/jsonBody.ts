import express, {
  NextFunction,
  Request,
  RequestHandler,
  Response,
} from 'express';

/**
 * A vendor router's JSON body parser: bodies up to `limit`, and a body that does not parse
 * answered by `invalid` in the vendor's own error shape.
 */
export function jsonBody(
  limit: string,
  invalid: (res: Response) => void,
): Array<RequestHandler | express.ErrorRequestHandler> {
  return [
    express.json({ limit }),
    (err: Error, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) {
        next(err);
        return;
      }
      invalid(res);
    },
  ];
}
