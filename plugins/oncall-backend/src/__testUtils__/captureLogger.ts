import { LoggerService } from '@backstage/backend-plugin-api';

/** A logger that keeps every line (message and metadata) so tests can search them. */
export function captureLogger(lines: string[]): LoggerService {
  const make = (fields: object): LoggerService => {
    const log = (level: string) => (message: string, meta?: Error | object) => {
      lines.push(
        JSON.stringify({
          level,
          message,
          fields,
          meta: meta instanceof Error ? String(meta) : meta,
        }),
      );
    };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: more => make({ ...fields, ...more }),
    };
  };
  return make({});
}
