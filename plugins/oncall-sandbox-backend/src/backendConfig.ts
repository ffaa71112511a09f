import { SANDBOX_DEFAULT_KEYS } from './options';

/**
 * The on-call backend's `oncall.<vendor>` config sections that point it at a sandbox served at
 * `sandboxUrl` with the default keys, one per vendor the sandbox fakes; a test or a dev
 * backend picks the vendors it needs.
 *
 * @public
 */
export function sandboxVendorSections(sandboxUrl: string) {
  const { jsm } = SANDBOX_DEFAULT_KEYS;
  return {
    opsgenie: {
      baseUrl: `${sandboxUrl}/opsgenie`,
      apiKey: SANDBOX_DEFAULT_KEYS.opsgenie,
    },
    blameless: {
      baseUrl: `${sandboxUrl}/blameless`,
      apiKey: SANDBOX_DEFAULT_KEYS.blameless,
    },
    datadog: {
      baseUrl: `${sandboxUrl}/datadog`,
      apiKey: SANDBOX_DEFAULT_KEYS.datadogApi,
      applicationKey: SANDBOX_DEFAULT_KEYS.datadogApp,
      webUrl: 'https://app.datadoghq.com',
    },
    jsm: {
      baseUrl: `${sandboxUrl}/atlassian`,
      cloudId: jsm.cloudId,
      email: jsm.email,
      apiToken: jsm.apiToken,
      jiraBaseUrl: `${sandboxUrl}/jira`,
      orgId: jsm.orgId,
    },
    pagerduty: {
      baseUrl: `${sandboxUrl}/pagerduty`,
      eventsBaseUrl: `${sandboxUrl}/pagerduty-events`,
      apiToken: SANDBOX_DEFAULT_KEYS.pagerduty,
    },
  };
}
