import { ReactElement } from 'react';
import { OnCallApi } from '../api';
import { groupEntity, mockOnCallApi } from '../__testUtils__/fixtures';
import { renderWithEntity } from '../__testUtils__/render';
import * as states from '../__testUtils__/states';
import { HealthCard } from './HealthCard';
import { IncidentsContent } from './IncidentsContent';
import { OnCallContent } from './OnCallContent';
import { SloContent } from './SloContent';
import { TeamOnCallCard } from './TeamOnCallCard';

jest.setTimeout(30_000);

/** Each entity view, the API method it reads and the label of its progress indicator. */
const views: Array<{
  name: string;
  view: ReactElement;
  method: keyof OnCallApi;
  label: string;
  onGroup?: boolean;
}> = [
  {
    name: 'OnCallContent',
    view: <OnCallContent />,
    method: 'getOnCall',
    label: 'Loading on-call',
  },
  {
    name: 'IncidentsContent',
    view: <IncidentsContent />,
    method: 'getIncidents',
    label: 'Loading incidents',
  },
  {
    name: 'SloContent',
    view: <SloContent />,
    method: 'getSlos',
    label: 'Loading SLOs',
  },
  {
    name: 'TeamOnCallCard',
    view: <TeamOnCallCard />,
    method: 'getOnCall',
    label: 'Loading on-call',
    onGroup: true,
  },
  {
    name: 'HealthCard',
    view: <HealthCard />,
    method: 'getHealth',
    label: 'Loading on-call health',
    onGroup: true,
  },
];

describe.each(views)('$name', ({ view, method, label, onGroup }) => {
  it('shows a progress indicator while loading', async () => {
    const api = mockOnCallApi({ [method]: states.neverAnswers() });
    await renderWithEntity(view, {
      api,
      entity: onGroup ? groupEntity : undefined,
    });
    await states.expectLoading(label);
  });
});
