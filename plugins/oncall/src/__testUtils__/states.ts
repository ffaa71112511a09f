import { fireEvent, screen, waitFor } from '@testing-library/react';

/** An API method that never answers: the view stays in its loading state. */
export function neverAnswers() {
  return jest.fn(() => new Promise<never>(() => {}));
}

/** An API method that fails once with `error`, then answers `value`. */
export function failsOnceThen<T>(error: Error | string, value: T) {
  return jest
    .fn()
    .mockRejectedValueOnce(typeof error === 'string' ? new Error(error) : error)
    .mockResolvedValue(value);
}

/** Expects the progress indicator a view shows while it loads. */
export async function expectLoading(name: string) {
  expect(await screen.findByRole('progressbar', { name })).toBeInTheDocument();
}

/**
 * Expects a view's not-configured state: its `title`, then the `annotation` line (`key: value`)
 * of the catalog-info.yaml snippet it offers, once the snippet has rendered.
 */
export async function expectNotConfigured(title: string, annotation: string) {
  expect(await screen.findByText(title)).toBeInTheDocument();
  await waitFor(() => expect(document.body).toHaveTextContent(annotation));
}

/**
 * Expects the error `message`, clicks Retry and expects `recovered` to find what the view
 * shows once the API answers.
 */
export async function expectRetryRecovers(
  message: RegExp,
  recovered: () => Promise<HTMLElement>,
) {
  expect((await screen.findAllByText(message)).length).toBeGreaterThan(0);
  fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
  expect(await recovered()).toBeInTheDocument();
}

/** Expects `text` shown (once), waiting for it as `findByText` does. */
export async function expectShown(text: string | RegExp) {
  expect(await screen.findByText(text)).toBeInTheDocument();
}
