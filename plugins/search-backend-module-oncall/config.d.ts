import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The on-call collators: incidents (`oncall-incident`) and on-call rotations
       * (`oncall-rotation`), read from the on-call backend.
       */
      oncall?: {
        /**
         * How often the collators run. Defaults to every 10 minutes, a 15 minute timeout and a
         * 10 second initial delay.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * How many records to request from the on-call backend per page, at most 500 (the
         * backend's limit). Defaults to 500.
         */
        batchSize?: number;
        /**
         * How long to wait for one page from the on-call backend, in milliseconds. Defaults to
         * 60000.
         */
        pageTimeoutMs?: number;
      };
    };
  };
}
