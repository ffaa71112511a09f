import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { ReactElement } from 'react';
import { oncallApiRef, OnCallApi } from '../api';
import { componentEntity, mockOnCallApi } from './fixtures';

/**
 * The APIs the plugin's views use: the given on-call API, and Backstage's permission mock
 * allowing (or, with `canPage: false`, denying) paging.
 */
export function onCallTestApis(options: { api: OnCallApi; canPage?: boolean }) {
  return [
    [oncallApiRef, options.api],
    [
      permissionApiRef,
      mockApis.permission({
        authorize:
          options.canPage === false
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    ],
  ] as const;
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
        ...onCallTestApis(options),
        ...(options.signals ? [[signalApiRef, options.signals] as const] : []),
      ],
    },
  );
}

/**
 * Renders `element` on `entity` (by default the component) with a mocked API answering the
 * fixtures, save the `methods` given; returns the API.
 */
export async function renderWithMockApi(
  element: ReactElement,
  options: { methods?: Partial<OnCallApi>; entity?: Entity } = {},
) {
  const api = mockOnCallApi(options.methods);
  await renderWithEntity(element, { api, entity: options.entity });
  return api;
}
