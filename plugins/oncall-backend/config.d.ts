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
      /**
       * Requests a minute the syncs may send to this Opsgenie account (the on-call and health syncs share it), retries included, spread evenly (one
       * every 60 s / this) instead of in bursts; paging is never held back by it. Whole number
       * from 1 to 100000. Default: unpaced (only the concurrency cap applies).
       */
      requestsPerMinute?: number;
    };
    /**
     * JSM Operations (the Opsgenie successor in Jira Service Management): on-call schedules,
     * escalations and paging. Requests go to `{baseUrl}/jsm/ops/api/{cloudId}/v1/…` with HTTP
     * Basic `email:apiToken`; names and emails of the account ids come from Jira's user API.
     */
    jsm?: {
      /** API gateway base. Default https://api.atlassian.com. */
      baseUrl?: string;
      /** The site's cloud id (https://<site>.atlassian.net/_edge/tenant_info). */
      cloudId: string;
      /** Email of the Atlassian account the API token belongs to (JSM agent with an Operations role). */
      email: string;
      /**
       * API token of that account.
       * @visibility secret
       */
      apiToken: string;
      /** The Jira site, https://<site>.atlassian.net: user names and emails (/rest/api/3/user/bulk). */
      jiraBaseUrl: string;
      /** The organisation id, for team members (the "whole team" escalation level) from the Teams API. */
      orgId?: string;
      /** Web base for links to a team's on-call page. Default jiraBaseUrl. */
      webUrl?: string;
    };
    /**
     * PagerDuty: on-call from escalation policies and schedules (REST API v2), paging through
     * Events API v2. Also the shape of an `oncall.providers[]` entry of type `pagerduty`.
     */
    pagerduty?: {
      /** REST API base. Default https://api.pagerduty.com (EU accounts: https://api.eu.pagerduty.com). */
      baseUrl?: string;
      /** Events API v2 base. Default https://events.pagerduty.com. */
      eventsBaseUrl?: string;
      /**
       * REST API key (read access), sent as `Authorization: Token token=<key>`.
       * @visibility secret
       */
      apiToken: string;
      /** Web UI base for links to schedules, e.g. https://acme.pagerduty.com. */
      webUrl?: string;
      /**
       * Events API v2 integration keys by team, escalation policy or service name, for entities
       * without a `pagerduty.com/integration-key` annotation.
       * @visibility secret
       */
      integrationKeys?: { [name: string]: string };
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
      /**
       * Requests a minute the syncs may send to Blameless, retries included, spread evenly (one
       * every 60 s / this) instead of in bursts; paging is never held back by it. Whole number
       * from 1 to 100000. Default: unpaced (only the concurrency cap applies).
       */
      requestsPerMinute?: number;
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
       * timeframe is read on every run regardless. Raised, and logged once, where the SLO
       * count needs it: N SLOs' ~2N history reads per max age must fit half of
       * `requestsPerMinute` (default DataDog's `slo_history` limit, 900 a minute), so at
       * least N / 225 minutes by default (~45 at 10,000 SLOs).
       */
      burnRateMaxAgeMinutes?: number;
      /**
       * Requests a minute the syncs may send to DataDog, retries included, spread evenly (one
       * every 60 s / this) instead of in bursts; paging is never held back by it. Whole number
       * from 1 to 100000. Default: unpaced (only the concurrency cap applies).
       */
      requestsPerMinute?: number;
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
      /**
       * The faster incremental incident sync behind the live incident banner (default every
       * 30 s): one change query per run, like the incidents sync; each run signals the entity
       * pages whose open incidents changed.
       */
      openIncidents?: SchedulerServiceTaskScheduleDefinitionConfig;
      slos?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Opsgenie: the longest time, in minutes, before a change made in the on-call tool shows
       * (an override, a rotation edit, a new team). Each on-call run asks who is on call in
       * every schedule now and at a few instants ahead (one request each) and reads again only
       * the teams whose stored timeline answers otherwise; the team list is listed again after
       * this long. Whole number 1–1440, default 15.
       */
      onCallMaxStaleMinutes?: number;
      /**
       * Opsgenie: every team's members and 8-week timelines are read again in full about this
       * often, spread evenly over the runs (picks up overrides made for later than the next
       * 12 hours). Whole number, at least `onCallMaxStaleMinutes`, at most 10080 (a week);
       * default 60.
       */
      onCallRereadMinutes?: number;
      /**
       * The on-call and SLO syncs are each split into this many scheduled tasks, one per shard
       * of teams / SLOs (`oncall-sync-on-call-shard-1-of-4`, …). Replicas sharing a database
       * share the shards through the scheduler, and a replica that stops mid-run leaves its
       * shard to another once the run's `timeout` has passed. Each on-call shard asks the
       * vendor who is on call (6 requests a run) for itself. Whole number 1–64, default 1
       * (one task each, ids `oncall-sync-on-call` and `oncall-sync-slos`).
       */
      shards?: number;
    };
    /**
     * On-call health: pages synced from the on-call tool, figures per team, rotation and person.
     * Defaults of the thresholds: Google SRE book, "Being On-Call".
     */
    health?: {
      /** Pages raised longer ago are pruned; the first sync reaches this far back. Default 180. */
      retentionDays?: number;
      /** When a rotation counts as overloaded in a week. */
      thresholds?: {
        /** More than this many pages per shift on average. Default 2. */
        pagesPerShift?: number;
        /** The shift the average is taken over, in hours. Default 12. */
        shiftHours?: number;
        /** Sleep-hour pages on this many nights or more. Default 2. */
        sleepNights?: number;
      };
      /** Clock hours on the responder's own clock. */
      hours?: {
        /** Business hours start, Monday to Friday. Default 8. */
        businessStartHour?: number;
        /** Business hours end. Default 18. */
        businessEndHour?: number;
        /** Sleep hours are 00:00 to this hour. Default 7. */
        sleepEndHour?: number;
      };
      /** How often the page sync (task `oncall-sync-health`) runs. Default every 10 minutes. */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /**
     * Backstage notifications (needs `@backstage/plugin-notifications-backend`): a SEV0/SEV1
     * opened (topic `oncall-incident`, to the owning Groups of the affected services) and a shift
     * about to start (topic `oncall-shift`, to the responder). Each event is sent once.
     */
    notifications?: {
      /** Off with false. Default true. */
      enabled?: boolean;
      /** Incidents of this severity or worse notify their owners when opened. Default sev1. */
      minSeverity?: 'sev0' | 'sev1' | 'sev2' | 'sev3';
      /** A primary or secondary is reminded this many minutes before the shift starts (1–1440). Default 60. */
      shiftReminderMinutes?: number;
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
