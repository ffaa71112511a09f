import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser). scripts/test.sh starts
 * the portal (app on :3000, backend on :7007) before running them; by hand, start it with
 * `bash scripts/start.sh` or let `webServer` below do it.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser's environment: the runner's, without libfaketime, should the runner run under it.
 * Chromium starts very slowly under libfaketime; `scripts/e2e.sh --at` gives it the portal's
 * clock through Playwright's clock API instead (e2e-tests/clock.ts).
 */
const browserEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined &&
      entry[0] !== 'LD_PRELOAD' &&
      !entry[0].startsWith('FAKETIME'),
  ),
);

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 30_000 },

  webServer: process.env.ONCALL_E2E_SERVER_RUNNING
    ? []
    : [
        {
          command: 'yarn start',
          url: 'http://localhost:3000',
          reuseExistingServer: true,
          timeout: 240_000,
        },
      ],

  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,

  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  use: {
    actionTimeout: 0,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      env: browserEnv,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },

  outputDir: 'node_modules/.cache/e2e-test-results',

  projects: generateProjects().map(project => ({
    ...project,
    use: { ...project.use, channel: undefined },
  })),
});
