import { DemoScale } from './org/types';
import { QuotaLimits } from './quota/limits';

/** Vendor credentials the sandbox accepts. @public */
export interface SandboxKeys {
  opsgenie: string;
  blameless: string;
  datadogApi: string;
  datadogApp: string;
  /**
   * JSM Operations and Jira: Basic `email:api_token` of an Atlassian account, the site's cloud id
   * and its organisation id (Teams API).
   */
  jsm: { email: string; apiToken: string; cloudId: string; orgId: string };
  /** PagerDuty REST API key (`Authorization: Token token=<key>`). */
  pagerduty: string;
}

/** Options of the sandbox app and server. @public */
export interface SandboxOptions {
  seed: number;
  /** Clock; defaults to the system clock. The demo org is generated relative to its first reading. */
  now?: () => Date;
  keys: SandboxKeys;
  /** Whether the `/__sandbox` control routes are open. */
  control: boolean;
  /**
   * With a key, every control call must send it in `X-Sandbox-Control-Key`; without one,
   * control calls are accepted from loopback addresses only.
   */
  controlKey?: string;
  scale?: Partial<DemoScale>;
  /**
   * Quota mode: every vendor route spends a token of its rate-limit domain and is answered
   * with the vendor's 429 while the domain's bucket is empty. Absent: no limits.
   */
  quota?: QuotaLimits;
}

/** The keys used by the default configuration. @public */
export const SANDBOX_DEFAULT_KEYS: SandboxKeys = {
  opsgenie: 'sandbox-opsgenie-key',
  blameless: 'sandbox-blameless-key',
  datadogApi: 'sandbox-datadog-api-key',
  datadogApp: 'sandbox-datadog-app-key',
  jsm: {
    email: 'oncall-bot@example.com',
    apiToken: 'sandbox-jsm-api-token',
    cloudId: '5e0b1c7a-3f2d-4a9e-8b6c-1d2e3f4a5b6c',
    orgId: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
  },
  pagerduty: 'sandbox-pagerduty-token',
};

/** Default seed of the demo org. @public */
export const SANDBOX_DEFAULT_SEED = 42;
