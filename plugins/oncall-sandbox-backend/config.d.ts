export interface Config {
  /** Vendor sandbox (Opsgenie, JSM Operations, Blameless and DataDog fakes with a demo org). */
  'oncall-sandbox'?: {
    /** Mount the sandbox under /api/oncall-sandbox. Absent or false: nothing is mounted. */
    enabled?: boolean;
    /**
     * Open the /__sandbox control routes (faults, stats). Never enable in production. Without
     * `controlKey` they answer loopback callers only (127.0.0.0/8, ::1); anyone else gets 403.
     */
    control?: boolean;
    /**
     * When set, every /__sandbox control call must send this value in the
     * `X-Sandbox-Control-Key` header, from any address, loopback included (behind a reverse
     * proxy on the same host every caller looks local); without it the call is 403.
     * `X-Forwarded-For` is never trusted. At least 16 characters.
     * @visibility secret
     */
    controlKey?: string;
    /** Seed of the deterministic demo org: a whole number from 0 to 4294967295 (default 42). */
    seed?: number;
    /** Extra generated teams, services, incidents and SLOs on top of the demo org (whole numbers, 0 or more). */
    scale?: {
      teams?: number;
      services?: number;
      incidents?: number;
      slos?: number;
      /** Opsgenie alerts of the generated teams over 180 days (default: about 12.9 a day per team). */
      alerts?: number;
    };
    /**
     * Quota mode: the vendors' rate limits as token buckets per vendor and domain (Opsgenie's
     * Configuration, Schedule-oncalls, Search and Alert domains, DataDog's per-endpoint buckets,
     * one assumed Blameless bucket); a request over the limit gets the vendor's own 429.
     * Absent: no limits.
     */
    quota?: {
      /** Default true when `quota` is present. */
      enabled?: boolean;
      /**
       * Per vendor and domain, rates replacing the defaults, e.g.
       * `opsgenie: { schedule-oncalls: 5/s,300/min }`, `datadog: { slo_history: 150/10s }`;
       * `off` lifts a domain's limit.
       */
      limits?: {
        [vendor: string]: { [domain: string]: string };
      };
    };
    opsgenie?: {
      /**
       * Key the fake accepts in `Authorization: GenieKey <key>`.
       * @visibility secret
       */
      apiKey?: string;
    };
    blameless?: {
      /**
       * Key the fake accepts at POST /api/v2/identity/token.
       * @visibility secret
       */
      apiKey?: string;
    };
    datadog?: {
      /**
       * Key the fake accepts in `DD-API-KEY`.
       * @visibility secret
       */
      apiKey?: string;
      /**
       * Key the fake accepts in `DD-APPLICATION-KEY`.
       * @visibility secret
       */
      applicationKey?: string;
    };
    /** JSM Operations (under /atlassian/jsm/ops/api/{cloudId}) and Jira's user API (under /jira). */
    jsm?: {
      /** Atlassian account email of the Basic `email:api_token` credentials the fake accepts. */
      email?: string;
      /**
       * API token of the Basic `email:api_token` credentials the fake accepts.
       * @visibility secret
       */
      apiToken?: string;
      /** The site's cloud id in the JSM Operations paths; other cloud ids are 404. */
      cloudId?: string;
      /** The organisation id in the Teams API paths (team members); other ids are 404. */
      orgId?: string;
    };
    /** PagerDuty REST (under /pagerduty) and Events API v2 (under /pagerduty-events). */
    pagerduty?: {
      /**
       * REST API key the fake accepts in `Authorization: Token token=<key>`.
       * @visibility secret
       */
      apiToken?: string;
    };
  };
}
