import { ResponseError } from '@backstage/errors';

/** The most useful message of an error: the backend's own message for a failed response. */
export function errorMessage(error: Error): string {
  if (error instanceof ResponseError) {
    const detail = error.body?.error?.message;
    return detail && detail !== error.message
      ? `${detail} (${error.response.status})`
      : error.message;
  }
  return error.message;
}
