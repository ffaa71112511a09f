import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { IncidentSearchResultListItem } from './IncidentSearchResultListItem';
import { RotationSearchResultListItem } from './RotationSearchResultListItem';
import {
  IncidentSearchResultListItemProps,
  RotationSearchResultListItemProps,
} from './searchResultProps';
import { HOSTILE_URL_KINDS } from '../../__testUtils__/hostileUrls';
import { linksTo, unsafeHrefs } from '../../__testUtils__/links';
import { expectShownCut, longValue } from '../../__testUtils__/longText';

type IncidentResult = NonNullable<IncidentSearchResultListItemProps['result']>;

/** The incident result the tests share; `location` and other fields as given. */
function incidentResult(
  fields: Partial<IncidentResult> & { location: string },
): IncidentResult {
  return {
    title: 'Card payments failing in EU',
    text: 'SEV1 · payments-api · resolved',
    severity: 'sev1',
    commander: 'Margaret Hamilton',
    ...fields,
  };
}

type RotationResult = NonNullable<RotationSearchResultListItemProps['result']>;

/** A payments-team rotation result with `responders`, saying who they are; other fields as given. */
function rotationResult(
  fields: Partial<RotationResult> & { location: string; responders: string[] },
): RotationResult {
  return {
    title: 'On call for payments-team',
    text: `On call for payments-team: ${fields.responders.join(', ')}`,
    team: 'payments-team',
    ...fields,
  };
}

describe('search result items', () => {
  it('renders an incident with severity, status, entity and commander', async () => {
    await renderInTestApp(
      <IncidentSearchResultListItem
        result={incidentResult({
          location:
            '/catalog/default/component/payments-api/incidents?incident=1',
          status: 'resolved',
          startedAt: '2026-10-02T10:00:00Z',
          entityRef: 'component:default/payments-api',
        })}
      />,
    );
    expect(
      screen.getByRole('link', { name: 'Card payments failing in EU' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/incidents?incident=1',
    );
    expect(screen.getByText('SEV1')).toBeInTheDocument();
    expect(screen.getByText('resolved')).toBeInTheDocument();
    expect(screen.getByText('payments-api')).toBeInTheDocument();
    expect(screen.getByText('IC Margaret Hamilton')).toBeInTheDocument();
    expect(screen.getByText(/^Started 2 Oct 2026/)).toBeInTheDocument();
  });

  it('renders a rotation with its team and responders', async () => {
    await renderInTestApp(
      <RotationSearchResultListItem
        result={rotationResult({
          location: '/catalog/default/group/payments?schedule=s1',
          scheduleName: 'payments_schedule',
          responders: ['Maria Garcia (primary)', 'Tom Becker (secondary)'],
        })}
      />,
    );
    expect(
      screen.getByRole('link', { name: 'On call for payments-team' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Maria Garcia (primary)')).toBeInTheDocument();
    expect(screen.getByText('Schedule payments_schedule')).toBeInTheDocument();
  });

  it('renders nothing without a result', async () => {
    const { container } = await renderInTestApp(
      <IncidentSearchResultListItem />,
    );
    expect(container.querySelector('li')).toBeNull();
  });

  it.each([...HOSTILE_URL_KINDS, '//evil.example.com/catalog'])(
    'shows an incident whose location is %j as text, without a link',
    async location => {
      await renderInTestApp(
        <IncidentSearchResultListItem result={incidentResult({ location })} />,
      );
      expect(
        screen.getByText('Card payments failing in EU'),
      ).toBeInTheDocument();
      expect(screen.getByText('IC Margaret Hamilton')).toBeInTheDocument();
      expect(screen.queryByRole('link')).not.toBeInTheDocument();
      expect(linksTo(location)).toEqual([]);
      expect(unsafeHrefs()).toEqual([]);
    },
  );

  it('shows a rotation whose location is not an app path as text', async () => {
    await renderInTestApp(
      <RotationSearchResultListItem
        result={rotationResult({
          location: HOSTILE_URL_KINDS[0],
          responders: ['Maria Garcia (primary)'],
        })}
      />,
    );
    expect(screen.getByText('On call for payments-team')).toBeInTheDocument();
    expect(screen.getByText('Maria Garcia (primary)')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows 100 kB titles, texts and chips cut', async () => {
    const title = longValue('title-');
    const text = longValue('text-');
    const responder = longValue('responder-');
    await renderInTestApp(
      <RotationSearchResultListItem
        result={rotationResult({
          title,
          text,
          location: '/catalog/default/group/payments?schedule=s1',
          responders: [responder],
        })}
      />,
    );
    expect(screen.getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/payments?schedule=s1',
    );
    expectShownCut(title, 'title-');
    expectShownCut(text, 'text-');
    expectShownCut(responder, 'responder-');
  });
});
