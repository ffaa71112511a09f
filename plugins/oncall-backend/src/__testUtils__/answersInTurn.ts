import { http } from 'msw';

/**
 * An msw handler for GET `url` that gives the first request the first of `answers`, the
 * second the second, and every later one the last; with the times (ms) the requests came in.
 */
export function answersInTurn(url: string, answers: Array<() => Response>) {
  const times: number[] = [];
  const handler = http.get(url, () => {
    times.push(Date.now());
    return answers[Math.min(times.length, answers.length) - 1]();
  });
  return { handler, times };
}
