import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import { screen } from '@testing-library/react';
import { ReactElement } from 'react';
import oncallPlugin, {
  entityIncidentsContent,
  entityOnCallContent,
  entitySloContent,
  entityTeamOnCallCard,
  homePageMyOnCallWidget,
  incidentSearchResultListItem,
  oncallApi,
  oncallCoveragePage,
  rotationSearchResultListItem,
} from './alpha';
import {
  componentEntity,
  groupEntity,
  mockOnCallApi,
} from './__testUtils__/fixtures';
import { onCallTestApis } from './__testUtils__/render';
import * as states from './__testUtils__/states';

jest.setTimeout(30_000);

function renderElement(element: ReactElement, entity = componentEntity) {
  const api = mockOnCallApi();
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    { apis: onCallTestApis({ api }) },
  );
}

describe('oncall /alpha', () => {
  it('is a frontend plugin with the id oncall', () => {
    expect(oncallPlugin.pluginId).toBe('oncall');
  });

  it('declares the coverage page at /oncall/coverage with a title for the sidebar', () => {
    const page = createExtensionTester(oncallCoveragePage);
    expect(page.get(coreExtensionData.routePath)).toBe('/oncall/coverage');
    expect(page.get(coreExtensionData.title)).toBe('On-call coverage');
  });

  const location = { ...componentEntity, kind: 'Location' };

  it.each([
    {
      tester: () => createExtensionTester(entityOnCallContent),
      path: 'on-call',
      title: 'On-call',
      filters: [
        [componentEntity, true],
        [location, false],
      ] as const,
    },
    {
      tester: () => createExtensionTester(entityIncidentsContent),
      path: 'incidents',
      title: 'Incidents',
      filters: [[location, false]] as const,
    },
    {
      tester: () => createExtensionTester(entitySloContent),
      path: 'slos',
      title: 'SLOs',
      filters: [[componentEntity, true]] as const,
    },
  ])(
    'declares the $title tab as a top-level tab with its path and filter',
    ({ tester: createTester, path, title, filters }) => {
      const tester = createTester();
      expect(tester.get(coreExtensionData.routePath)).toBe(path);
      expect(tester.get(EntityContentBlueprint.dataRefs.group)).toBeUndefined();
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
      for (const [entity, shown] of filters) {
        expect(
          tester.get(EntityContentBlueprint.dataRefs.filterFunction)?.(entity),
        ).toBe(shown);
      }
    },
  );

  it.each([
    {
      tester: (group: string) =>
        createExtensionTester(entityOnCallContent, { config: { group } }),
      group: 'operation',
      path: 'on-call',
    },
    {
      tester: (group: string) =>
        createExtensionTester(entityIncidentsContent, { config: { group } }),
      group: 'operation',
      path: 'incidents',
    },
    {
      tester: (group: string) =>
        createExtensionTester(entitySloContent, { config: { group } }),
      group: 'observability',
      path: 'slos',
    },
  ])(
    'puts the $path tab in the group the app config names ($group), keeping its path',
    ({ tester: createTester, group, path }) => {
      const tester = createTester(group);
      expect(tester.get(EntityContentBlueprint.dataRefs.group)).toBe(group);
      expect(tester.get(coreExtensionData.routePath)).toBe(path);
    },
  );

  it('renders the On-call tab through the extension', async () => {
    await renderElement(
      createExtensionTester(entityOnCallContent).reactElement(),
    );
    await states.expectShown('Secondary after 10 min');
  });

  it('renders the Incidents tab through the extension', async () => {
    await renderElement(
      createExtensionTester(entityIncidentsContent).reactElement(),
    );
    expect(
      await screen.findByRole(
        'link',
        { name: /Card payments failing in EU/ },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
  });

  it('renders the SLOs tab through the extension', async () => {
    await renderElement(createExtensionTester(entitySloContent).reactElement());
    expect(
      await screen.findByRole(
        'link',
        { name: /Payments API availability/ },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
  });

  it('puts an info card on Group pages', async () => {
    const tester = createExtensionTester(entityTeamOnCallCard);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    expect(tester.get(EntityCardBlueprint.dataRefs.filterExpression)).toBe(
      'kind:group',
    );
    await renderElement(tester.reactElement(), groupEntity);
    await states.expectShown('payments_schedule');
  });

  it('provides the API, the home widget and both search result items', async () => {
    const factory = createExtensionTester(oncallApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe('plugin.oncall.client');
    const widget = createExtensionTester(homePageMyOnCallWidget).get(
      HomePageWidgetBlueprint.dataRefs.widget,
    );
    expect(widget.title).toBe('My on-call');
    const incident = createExtensionTester(incidentSearchResultListItem).get(
      SearchResultListItemBlueprint.dataRefs.item,
    );
    const rotation = createExtensionTester(rotationSearchResultListItem).get(
      SearchResultListItemBlueprint.dataRefs.item,
    );
    const result = (type: string) => ({
      type,
      document: { title: 't', text: '', location: '/' },
    });
    expect(incident.predicate?.(result('oncall-incident'))).toBe(true);
    expect(incident.predicate?.(result('oncall-rotation'))).toBe(false);
    expect(rotation.predicate?.(result('oncall-rotation'))).toBe(true);
  });
});
