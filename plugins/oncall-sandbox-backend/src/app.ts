import express, { NextFunction, Request, Response } from 'express';
import { createBlamelessRouter } from './blameless/router';
import { createControlRouter } from './control/router';
import { FaultRegistry } from './control/faults';
import { LiveIncidents } from './control/liveIncidents';
import { StatsRegistry } from './control/stats';
import { createDatadogRouter } from './datadog/router';
import { JsmDirectory } from './jsm/directory';
import { createJiraRouter, createJsmRouter } from './jsm/router';
import { AlertStore } from './opsgenie/alertStore';
import { createOpsgenieRouter } from './opsgenie/router';
import { createPagerDutyRouters } from './pagerduty/router';
import { createDemoOrg } from './org/demoOrg';
import { OrgIndex } from './org/orgIndex';
import { DemoOrg } from './org/types';
import { SandboxOptions } from './options';
import { QuotaRegistry } from './quota/QuotaRegistry';
import { SandboxRuntime, SandboxState } from './shared/runtime';

/** A sandbox app together with the org it serves and its live state. @public */
export interface Sandbox {
  app: express.Express;
  org: DemoOrg;
  state: SandboxState;
}

/**
 * Builds the sandbox: the demo org (generated relative to the clock's first reading, or the
 * given org), the vendor routers (in quota mode behind the vendors' token buckets) and the
 * control routes.
 *
 * @public
 */
export function createSandbox(options: SandboxOptions, org?: DemoOrg): Sandbox {
  const clock = options.now ?? (() => new Date());
  const demoOrg =
    org ??
    createDemoOrg({ seed: options.seed, now: clock(), scale: options.scale });
  const now = () => clock().getTime();
  const index = new OrgIndex(demoOrg);
  const runtime: SandboxRuntime = {
    org: demoOrg,
    index,
    faults: new FaultRegistry(),
    stats: new StatsRegistry(),
    alerts: new AlertStore(),
    jsmAlerts: new AlertStore(),
    incidents: new LiveIncidents({ index, now }),
    quota: options.quota ? new QuotaRegistry(options.quota, now) : undefined,
    keys: options.keys,
    control: options.control,
    now,
  };
  const app = express();
  app.disable('x-powered-by');
  app.use('/opsgenie', createOpsgenieRouter(runtime));
  app.use('/blameless', createBlamelessRouter(runtime));
  app.use('/datadog', createDatadogRouter(runtime));
  const jsm = new JsmDirectory(index);
  app.use('/atlassian/jsm/ops/api/:cloudId', createJsmRouter(runtime, jsm));
  app.use('/jira', createJiraRouter(runtime, jsm));
  const pagerduty = createPagerDutyRouters(runtime);
  app.use('/pagerduty', pagerduty.rest);
  app.use('/pagerduty-events', pagerduty.events);
  if (options.control) {
    app.use(
      '/__sandbox',
      createControlRouter(runtime, { controlKey: options.controlKey }),
    );
  }
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    res
      .status(500)
      .json({ error: { name: 'Error', message: 'Sandbox failure' } });
  });
  const state: SandboxState = {
    org: runtime.org,
    faults: runtime.faults,
    stats: runtime.stats,
    alerts: runtime.alerts,
    jsmAlerts: runtime.jsmAlerts,
    incidents: runtime.incidents,
    quota: runtime.quota,
  };
  return { app, org: demoOrg, state };
}

/**
 * The sandbox's Express app: `/opsgenie`, `/atlassian/jsm/ops/api/{cloudId}`, `/jira`, `/blameless`,
 * `/datadog`, `/pagerduty`, `/pagerduty-events` and (with `control`) `/__sandbox`.
 *
 * @public
 */
export function createSandboxApp(options: SandboxOptions): express.Express {
  return createSandbox(options).app;
}
