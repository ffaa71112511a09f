import { SANDBOX_DEFAULT_KEYS } from './options';
import { INCIDENT_COMMANDER_SCHEDULE } from './org/demoOrg';

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

/**
 * The on-call backend's `oncall` config for the demo organisation of a sandbox served at
 * `sandboxUrl`, as the demo portal's app-config.yaml sets it: Opsgenie and Blameless, the
 * demo incident commander schedule, and the demo catalog's one Group whose Opsgenie team has
 * another name.
 *
 * @public
 */
export function sandboxDemoOnCallConfig(sandboxUrl: string) {
  const { opsgenie, blameless } = sandboxVendorSections(sandboxUrl);
  return {
    opsgenie,
    blameless,
    incidentCommander: { schedule: INCIDENT_COMMANDER_SCHEDULE },
    teamMappings: [{ group: 'group:default/discovery', team: 'discovery-ops' }],
  };
}
