import { Entity } from '@backstage/catalog-model';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ReactElement } from 'react';
import { oncallApiRef, OnCallApi } from '../api';
import { componentEntity } from './fixtures';

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/** A permission API that allows or denies every request. */
export function permissionApi(allowed: boolean): PermissionApi {
  const decision = {
    result: allowed ? 'ALLOW' : 'DENY',
  } as unknown as Decision;
  return { authorize: async () => decision };
}

/** Renders an element inside a test app with the on-call API and an entity. */
export function renderWithEntity(
  element: ReactElement,
  options: {
    api: OnCallApi;
    entity?: Entity;
    canPage?: boolean;
    signals?: SignalApi;
  },
) {
  return renderInTestApp(
    <EntityProvider entity={options.entity ?? componentEntity}>
      {element}
    </EntityProvider>,
    {
      apis: [
        [oncallApiRef, options.api],
        [permissionApiRef, permissionApi(options.canPage !== false)],
        ...(options.signals
          ? [[signalApiRef, options.signals] as const]
          : []),
      ],
    },
  );
}
