import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { ReactElement } from 'react';
import {
  EntityIncidentsContent,
  EntityOnCallContent,
  EntitySloContent,
  EntityTeamOnCallCard,
  HomePageMyOnCallCard,
  isOnCallAvailable,
  oncallPlugin,
} from './index';
import {
  componentEntity,
  groupEntity,
  mockOnCallApi,
} from './__testUtils__/fixtures';
import { onCallTestApis } from './__testUtils__/render';

jest.setTimeout(30_000);

// Legacy extensions render in the legacy test app, as they would in a legacy app.
function renderLegacy(element: ReactElement, entity = componentEntity) {
  return renderInTestApp(
    <TestApiProvider apis={onCallTestApis({ api: mockOnCallApi() })}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
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
    expect(
      await screen.findByText('Secondary after 10 min'),
    ).toBeInTheDocument();
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
    expect(await screen.findByText('payments_schedule')).toBeInTheDocument();
  });

  it('renders HomePageMyOnCallCard', async () => {
    await renderLegacy(<HomePageMyOnCallCard />);
    expect(await screen.findByText('You are on call now')).toBeInTheDocument();
  });
});
