import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { OnCallApi, oncallApiRef } from '@oncall-for-backstage/plugin-oncall';
import oncallPlugin from '@oncall-for-backstage/plugin-oncall/alpha';
import { fireEvent, screen, within } from '@testing-library/react';

jest.setTimeout(60_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

/** Never answers: the tab labels are what these tests look at, not the tab contents. */
const pending = () => new Promise<never>(() => {});
const oncallApi: OnCallApi = {
  getOnCall: pending,
  getIncidents: pending,
  getSlos: pending,
  getHealth: pending,
  getMyLastShift: pending,
  getMyOnCall: pending,
  createCalendarSubscription: pending,
  revokeCalendarSubscription: pending,
  getCoverage: pending,
  pageOnCall: pending,
};

function renderEntityPage(extensions: object[] = []) {
  return renderTestApp({
    features: [catalogPlugin, oncallPlugin],
    config: {
      app: { extensions },
      backend: { baseUrl: 'http://localhost:7007' },
    },
    apis: [
      [catalogApiRef, catalogApiMock({ entities: [entity] })],
      [oncallApiRef, oncallApi],
    ],
    initialRouteEntries: ['/catalog/default/component/checkout-api'],
  });
}

/**
 * The entity page's tab bar. The whole app renders first (lazy plugin pages): under a full
 * parallel test run that takes longer than findBy's default second.
 */
async function tabBar() {
  return screen.findByRole(
    'navigation',
    { name: 'Content navigation' },
    { timeout: 15_000 },
  );
}

describe('entity page tabs', () => {
  it('shows On-call, Incidents and SLOs as top-level tabs by default', async () => {
    await renderEntityPage();
    const tabs = await tabBar();
    for (const [title, path] of [
      ['On-call', 'on-call'],
      ['Incidents', 'incidents'],
      ['SLOs', 'slos'],
    ]) {
      expect(
        await within(tabs).findByRole('link', { name: title }),
      ).toHaveAttribute(
        'href',
        `/catalog/default/component/checkout-api/${path}`,
      );
    }
    expect(
      within(tabs).queryByRole('button', { name: 'Operation' }),
    ).not.toBeInTheDocument();
  });

  it('puts On-call and Incidents in the Operation group when the app config asks for it', async () => {
    await renderEntityPage([
      { 'entity-content:oncall/on-call': { config: { group: 'operation' } } },
      { 'entity-content:oncall/incidents': { config: { group: 'operation' } } },
    ]);
    const tabs = await tabBar();
    const operation = await within(tabs).findByRole('button', {
      name: 'Operation',
    });
    expect(
      within(tabs).queryByRole('link', { name: 'On-call' }),
    ).not.toBeInTheDocument();
    expect(
      within(tabs).queryByRole('link', { name: 'Incidents' }),
    ).not.toBeInTheDocument();
    expect(
      within(tabs).getByRole('link', { name: 'SLOs' }),
    ).toBeInTheDocument();
    fireEvent.click(operation);
    const menu = await screen.findByRole('menu');
    expect(
      within(menu).getByRole('menuitemradio', { name: 'On-call' }),
    ).toBeInTheDocument();
    expect(
      within(menu).getByRole('menuitemradio', { name: 'Incidents' }),
    ).toBeInTheDocument();
  });
});
