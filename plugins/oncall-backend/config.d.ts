import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** On-call, incidents and SLOs. Each vendor section is optional; a missing one shows as not configured. */
  oncall?: {
    /** Opsgenie: who is on call, escalation, paging. */
    opsgenie?: {
      /** API base URL: https://api.opsgenie.com (US) or https://api.eu.opsgenie.com (EU). */
      baseUrl: string;
      /**
       * API key (Read + Configuration access; an integration key to create alerts).
       * @visibility secret
       */
      apiKey: string;
      /** Web UI base for deep links, e.g. https://acme.app.opsgenie.com (http or https). */
      webUrl?: string;
    };
    /** Blameless: incidents and retrospectives. */
    blameless?: {
      /** Tenant base URL, e.g. https://acme.blameless.io. */
      baseUrl: string;
      /**
       * API key, exchanged for a short-lived token.
       * @visibility secret
       */
      apiKey: string;
      /** Blameless severity label → sev0..sev3. Default SEV0..SEV3. */
      severityMap?: { [label: string]: string };
      /** Days of history the first sync backfills. Positive number. Default 365. */
      backfillDays?: number;
      /** Days of incidents kept in the store. Positive number. Default 730. */
      retentionDays?: number;
      /**
       * Incidents that started within this many days, and open incidents, have their
       * retrospective looked up during the sync; older resolved incidents have it looked up
       * when they are first viewed. Positive whole number. Default 30.
       */
      retrospectiveDays?: number;
      /**
       * After each incident sync, this many still-pending retrospectives (newest incidents
       * first) are looked up in the background, so every incident gets its real state in time
       * without a view. 0 turns it off. Whole number. Default 200.
       */
      retrospectiveLookupsPerRun?: number;
    };
    /** DataDog: SLOs and monitors. */
    datadog?: {
      /**
       * DataDog site host name, e.g. datadoghq.eu or us5.datadoghq.com (default datadoghq.com).
       * The API is https://api.<site> and the web UI https://app.<site> unless baseUrl and
       * webUrl say otherwise.
       */
      site?: string;
      /** API base URL (http or https), overrides `site`. */
      baseUrl?: string;
      /**
       * API key.
       * @visibility secret
       */
      apiKey: string;
      /**
       * Application key.
       * @visibility secret
       */
      applicationKey: string;
      /** Web UI base for deep links (http or https). Default https://app.<site>. */
      webUrl?: string;
      /**
       * How old an SLO's burn rates (1 h / 6 h / 3 d) and recent daily history may get before
       * the SLO sync reads them again, in minutes (default 10). The SLI over the SLO's
       * timeframe is read on every run regardless.
       */
      burnRateMaxAgeMinutes?: number;
    };
    /** The SRE schedule that supplies the Incident Commander. */
    incidentCommander?: {
      /** Opsgenie schedule name. */
      schedule: string;
    };
    /** Explicit Group → Opsgenie team mappings, used when a Group has no annotation. */
    teamMappings?: Array<{
      /** Group ref, e.g. group:default/discovery (a bare name is in the default namespace). */
      group: string;
      /** Opsgenie team name. */
      team: string;
    }>;
    /**
     * Several on-call providers at once, e.g. while teams move off Opsgenie one by one. Each
     * entry has its own id and the keys of its tool's section (`oncall.opsgenie`, `oncall.jsm`,
     * `oncall.pagerduty`); ids are unique across this list and those sections.
     */
    providers?: Array<{
      /** Provider id, lower-case, e.g. `jsm` or `opsgenie-eu`; used by the annotation and the mappings below. */
      id: string;
      type: 'opsgenie' | 'jsm' | 'pagerduty';
      baseUrl?: string;
      webUrl?: string;
      /** Opsgenie API key. @visibility secret */
      apiKey?: string;
      /** JSM Operations cloud id. */
      cloudId?: string;
      /** JSM: the Atlassian account email of the API token. */
      email?: string;
      /** JSM or PagerDuty API token. @visibility secret */
      apiToken?: string;
      /** JSM: `https://<site>.atlassian.net`, for Jira's user API. */
      jiraBaseUrl?: string;
      /** PagerDuty Events API base URL. */
      eventsBaseUrl?: string;
      /**
       * PagerDuty integration keys per service id, for paging.
       * @visibility secret
       */
      integrationKeys?: { [serviceId: string]: string };
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
      requestsPerMinute?: number;
    }>;
    /** Group name → provider id, for Groups without a provider annotation. */
    teamProviders?: { [group: string]: string };
    migration?: {
      /** Provider ids, first wins, for a team found in several providers (e.g. `[jsm, opsgenie]`). */
      prefer?: string[];
    };
    /** How often each vendor is synced into the store. */
    refresh?: {
      onCall?: SchedulerServiceTaskScheduleDefinitionConfig;
      incidents?: SchedulerServiceTaskScheduleDefinitionConfig;
      slos?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Who may page, how often, and how much of the vendor's API paging may use. */
    paging?: {
      /**
       * The permission policy that `@oncall-for-backstage/plugin-oncall-backend/permission-policy`
       * installs. `members` (default): paging is allowed to members of the entity's owning
       * Group, of the Groups up its parent chain, and of `allowedGroups`; every other
       * permission is allowed. `allow-all`: everything is allowed (the demo).
       */
      permissionPolicy?: 'members' | 'allow-all';
      /** Groups whose members may page for any entity, e.g. group:default/sre. */
      allowedGroups?: string[];
      /** Pages per caller (user or service) per window, counted across all replicas. */
      rateLimit?: {
        /** Positive whole number. Default 5. */
        pages?: number;
        /** e.g. { minutes: 1 } (the default) or '1m'; at least one second. */
        window?: HumanDuration | string;
      };
      /** Paging calls to the on-call tool in flight at once, apart from the sync's. Default 4. */
      vendorConcurrency?: number;
      /** Paging calls allowed to wait for a free slot; beyond that a page is refused (503) at once. Default 50. */
      vendorQueue?: number;
    };
    /** Timeout of one vendor call, in ms: a whole number from 1 to 600000 (10 minutes). Default 5000. */
    vendorTimeoutMs?: number;
    /** Data older than this many minutes is marked stale. Positive number. Default 10. */
    staleAfterMinutes?: number;
  };
}
