import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { parseEntityParams } from '../lib/entityParams';
import { SloService } from './SloService';

/** Routes of the SLO feature; mounted by the plugin below `/api/oncall`. */
export function createSloRouter(options: {
  service: SloService;
  httpAuth: HttpAuthService;
}): express.Router {
  return Router().get(
    '/entities/:kind/:namespace/:name/slos',
    async (req, res) => {
      const params = parseEntityParams(req.params);
      const credentials = await options.httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(await options.service.report(params, credentials));
    },
  );
}
