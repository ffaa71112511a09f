import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { pinDate } from '@oncall-for-backstage/plugin-oncall-common/testing';
import { fireEvent, screen, within } from '@testing-library/react';
import { oncallApiRef, OnCallApi } from '../../api';
import { mockOnCallApi, stale } from '../../__testUtils__/fixtures';
import { CoverageContent } from './CoverageContent';
import { coverageReport } from '../../__testUtils__/coverageFixtures';
import * as states from '../../__testUtils__/states';

jest.setTimeout(30_000);

function render(api: OnCallApi) {
  return renderInTestApp(<CoverageContent />, {
    apis: [[oncallApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

function rows() {
  return screen
    .getAllByTestId(/^coverage-row-/)
    .map(row => row.getAttribute('data-testid')?.replace('coverage-row-', ''));
}

describe('CoverageContent', () => {
  beforeEach(() => pinDate('2026-11-30T09:00:00Z'));
  afterEach(() => jest.useRealTimers());

  it('shows a progress indicator while loading', async () => {
    await render(
      mockOnCallApi({ getCoverage: jest.fn(() => new Promise(() => {})) }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Loading coverage' }),
    ).toBeInTheDocument();
  });

  it('shows the error with a retry that asks again', async () => {
    const getCoverage = jest
      .fn()
      .mockRejectedValueOnce(new Error('Coverage is unavailable'))
      .mockResolvedValue(coverageReport());
    await render(mockOnCallApi({ getCoverage }));
    expect(
      (await screen.findAllByText(/Coverage is unavailable/)).length,
    ).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await states.expectShown('2 of 3 teams');
    expect(getCoverage).toHaveBeenCalledTimes(2);
  });

  it('explains an empty catalog', async () => {
    await render(
      mockOnCallApi({
        getCoverage: jest.fn(async () =>
          coverageReport({ groups: [], migration: undefined }),
        ),
      }),
    );
    await states.expectShown('No Groups in the catalog');
  });

  it('shows the migration tracker: teams per provider, N of M off Opsgenie, days left', async () => {
    await render(
      mockOnCallApi({ getCoverage: jest.fn(async () => coverageReport()) }),
    );
    await states.expectShown('2 of 3 teams');
    expect(screen.getByText('off Opsgenie')).toBeInTheDocument();
    expect(screen.getByText('126 days left')).toBeInTheDocument();
    expect(
      screen.getByText("Opsgenie's API stops on April 5, 2027"),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '1 ambiguous (in several providers) · 1 without a rotation',
      ),
    ).toBeInTheDocument();
    const perProvider = screen.getByText('Teams per provider').parentElement!;
    expect(within(perProvider).getByText('JSM Operations')).toBeInTheDocument();
    expect(within(perProvider).getByText('PagerDuty')).toBeInTheDocument();
    expect(within(perProvider).getAllByText('1 team')).toHaveLength(3);
  });

  it('works the tracker out from the Groups, with the pinned clock, when the backend sends none', async () => {
    pinDate('2027-04-04T23:30:00Z');
    await render(
      mockOnCallApi({
        getCoverage: jest.fn(async () =>
          coverageReport({ migration: undefined }),
        ),
      }),
    );
    await states.expectShown('2 of 3 teams');
    expect(screen.getByText('1 day left')).toBeInTheDocument();
  });

  it('lists every Group with its services, provider, rotations with links, how each was resolved', async () => {
    await render(
      mockOnCallApi({ getCoverage: jest.fn(async () => coverageReport()) }),
    );
    await screen.findByText('2 of 3 teams');
    expect(rows()).toEqual([
      'group:default/discovery',
      'component:default/search-api',
      'group:default/growth',
      'group:default/payments',
      'component:default/payments-api',
      'group:default/storefront',
      'group:default/labs',
    ]);
    const growth = screen.getByTestId('coverage-row-group:default/growth');
    expect(within(growth).getByText('PagerDuty')).toBeInTheDocument();
    expect(
      within(growth).getByRole('link', { name: /^Growth escalation policy/ }),
    ).toHaveAttribute(
      'href',
      'https://acme.pagerduty.com/escalation_policies/PGRWTH1',
    );
    expect(within(growth).getByText('Annotation')).toBeInTheDocument();
    expect(
      within(growth).getByRole('link', { name: 'growth' }),
    ).toHaveAttribute('href', '/catalog/default/group/growth');
    const payments = screen.getByTestId('coverage-row-group:default/payments');
    expect(within(payments).getByText('Team name')).toBeInTheDocument();
    expect(within(payments).getByText('Matched by name')).toBeInTheDocument();
  });

  it('reports ambiguity and shows the YAML to add for a missing rotation', async () => {
    await render(
      mockOnCallApi({ getCoverage: jest.fn(async () => coverageReport()) }),
    );
    await screen.findByText('2 of 3 teams');
    const storefront = screen.getByTestId(
      'coverage-row-group:default/storefront',
    );
    expect(within(storefront).getByText('Ambiguous')).toBeInTheDocument();
    expect(
      within(storefront).getByText(/is in jsm and opsgenie/),
    ).toBeInTheDocument();
    const labs = screen.getByTestId('coverage-row-group:default/labs');
    expect(within(labs).getByText('Missing')).toBeInTheDocument();
    const snippet = within(labs).getByLabelText(
      'YAML to add to group:default/labs',
    );
    expect(snippet.textContent).toContain('opsgenie.com/team: labs');
  });

  it('filters by text, provider and state', async () => {
    await render(
      mockOnCallApi({ getCoverage: jest.fn(async () => coverageReport()) }),
    );
    await screen.findByText('2 of 3 teams');
    fireEvent.change(screen.getByRole('textbox', { name: 'Search' }), {
      target: { value: 'payments-api' },
    });
    expect(rows()).toEqual([
      'group:default/payments',
      'component:default/payments-api',
    ]);
    fireEvent.change(screen.getByRole('textbox', { name: 'Search' }), {
      target: { value: 'no such team' },
    });
    expect(
      screen.getByText('Nothing matches these filters.'),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: 'Search' }), {
      target: { value: '' },
    });

    fireEvent.mouseDown(screen.getByRole('button', { name: /Provider/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'jsm' }));
    expect(rows()).toEqual([
      'group:default/discovery',
      'component:default/search-api',
    ]);
    fireEvent.mouseDown(screen.getByRole('button', { name: /Provider/ }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'All providers' }),
    );

    fireEvent.mouseDown(screen.getByRole('button', { name: /State/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Missing' }));
    expect(rows()).toEqual(['group:default/labs']);
  });

  it('warns when the report is served stale', async () => {
    await render(
      mockOnCallApi({
        getCoverage: jest.fn(async () =>
          coverageReport({ freshness: stale() }),
        ),
      }),
    );
    await states.expectShown(/Opsgenie is failing: HTTP 503 from Opsgenie/);
    expect(screen.getByText('2 of 3 teams')).toBeInTheDocument();
  });
});
