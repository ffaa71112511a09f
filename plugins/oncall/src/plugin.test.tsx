import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { ReactElement } from 'react';
import {
  EntityIncidentsContent,
  EntityOnCallContent,
  EntitySloContent,
  EntityTeamOnCallCard,
  HomePageMyOnCallCard,
  isOnCallAvailable,
  OnCallCoveragePage,
  coverageLinkRouteRef,
  coverageRouteRef,
  oncallPlugin,
} from './index';
import {
  componentEntity,
  groupEntity,
  mockOnCallApi,
  unmappedOnCallSummary,
} from './__testUtils__/fixtures';
import { CoveragePage } from './components/CoveragePage';
import { coverageReport } from './__testUtils__/coverageFixtures';
import { onCallTestApis } from './__testUtils__/render';
import * as states from './__testUtils__/states';

jest.setTimeout(30_000);

// Legacy extensions render in the legacy test app, as they would in a legacy app.
function renderLegacy(
  element: ReactElement,
  entity = componentEntity,
  options: {
    api?: ReturnType<typeof mockOnCallApi>;
    mountedRoutes?: Parameters<typeof renderInTestApp>[1] extends infer O
      ? O extends { mountedRoutes?: infer M }
        ? M
        : never
      : never;
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={onCallTestApis({ api: options.api ?? mockOnCallApi() })}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: options.mountedRoutes },
  );
}

describe('legacy exports', () => {
  it('is a plugin with the on-call API factory', () => {
    expect(oncallPlugin.getId()).toBe('oncall');
    expect(Array.from(oncallPlugin.getApis()).map(f => f.api.id)).toEqual([
      'plugin.oncall.client',
    ]);
    expect(isOnCallAvailable(componentEntity)).toBe(true);
  });

  it('renders EntityOnCallContent', async () => {
    await renderLegacy(<EntityOnCallContent />);
    await states.expectShown('Secondary after 10 min');
  });

  it('renders EntityIncidentsContent', async () => {
    await renderLegacy(<EntityIncidentsContent />);
    expect(
      await screen.findByRole('link', { name: /Card payments failing in EU/ }),
    ).toBeInTheDocument();
  });

  it('renders EntitySloContent', async () => {
    await renderLegacy(<EntitySloContent />);
    expect(
      await screen.findByRole('link', { name: /Payments API availability/ }),
    ).toBeInTheDocument();
  });

  it('renders EntityTeamOnCallCard', async () => {
    await renderLegacy(<EntityTeamOnCallCard />, groupEntity);
    await states.expectShown('payments_schedule');
  });

  it('provides OnCallCoveragePage mounted on the coverage route', () => {
    expect(oncallPlugin.routes).toEqual({ coverage: coverageRouteRef });
    expect(OnCallCoveragePage).toBeInstanceOf(Function);
  });

  it('renders the legacy coverage page with its header and the migration tracker', async () => {
    const api = mockOnCallApi({
      getCoverage: jest.fn(async () => coverageReport()),
    });
    await renderLegacy(<CoveragePage />, componentEntity, {
      api,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/oncall/coverage': coverageRouteRef,
      },
    });
    await states.expectShown('On-call coverage');
    await states.expectShown('2 of 3 teams');
  });

  it("links the On-call tab's not-configured state to the coverage page when the app binds it", async () => {
    const notConfigured = unmappedOnCallSummary({
      reason: 'No provider has a team named payments-api.',
      annotation: { key: 'opsgenie.com/team', value: 'payments-api' },
    });
    const api = mockOnCallApi({
      getOnCall: jest.fn(async () => notConfigured),
    });
    await renderLegacy(<EntityOnCallContent />, componentEntity, {
      api,
      mountedRoutes: { '/oncall/coverage': coverageLinkRouteRef },
    });
    expect(
      await screen.findByRole('link', {
        name: 'See on-call coverage for every team and service',
      }),
    ).toHaveAttribute('href', '/oncall/coverage');
  });

  it('leaves the link out when the app does not bind it', async () => {
    const notConfigured = unmappedOnCallSummary();
    const api = mockOnCallApi({
      getOnCall: jest.fn(async () => notConfigured),
    });
    await renderLegacy(<EntityOnCallContent />, componentEntity, { api });
    await states.expectShown('No on-call rotation found');
    expect(
      screen.queryByText('See on-call coverage for every team and service'),
    ).not.toBeInTheDocument();
  });

  it('renders HomePageMyOnCallCard', async () => {
    await renderLegacy(<HomePageMyOnCallCard />);
    await states.expectShown('You are on call now');
  });
});
