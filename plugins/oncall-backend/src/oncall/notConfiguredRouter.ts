import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  MyOnCall,
  OPSGENIE_TEAM_HINT,
  OnCallSummary,
} from '@oncall-for-backstage/plugin-oncall-common';
import express from 'express';
import Router from 'express-promise-router';
import { EntityLoader } from '../lib/EntityLoader';
import { parseEntityParams } from '../lib/entityParams';

const REASON =
  'Opsgenie is not configured: set oncall.opsgenie.baseUrl and oncall.opsgenie.apiKey in app-config.yaml.';

/**
 * The on-call routes while `oncall.opsgenie` is absent: they still check credentials and the
 * entity, and answer "not configured" instead of a 404, so the UI can explain it.
 */
export function createNotConfiguredOnCallRouter(options: {
  httpAuth: HttpAuthService;
  entityLoader: EntityLoader;
}): express.Router {
  const router = Router();
  const freshness = { stale: false, sources: [] };

  router.get('/entities/:kind/:namespace/:name/on-call', async (req, res) => {
    const params = parseEntityParams(req.params);
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await options.entityLoader.load(params, credentials);
    const summary: OnCallSummary = {
      entityRef: stringifyEntityRef(entity),
      resolution: { via: 'owner' },
      notConfigured: {
        reason: REASON,
        annotation: OPSGENIE_TEAM_HINT,
      },
      rotations: [],
      freshness,
    };
    res.json(summary);
  });

  router.post('/entities/:kind/:namespace/:name/pages', async (req, _res) => {
    parseEntityParams(req.params);
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    throw new ServiceUnavailableError(REASON);
  });

  router.get('/me/on-call', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const body: MyOnCall = {
      userRef: credentials.principal.userEntityRef,
      onCallNow: [],
      upcoming: [],
      notice: REASON,
      freshness,
    };
    res.json(body);
  });

  return router;
}
