import { IndexableDocument } from '@backstage/plugin-search-common';
import {
  ONCALL_INCIDENT_DOCUMENT_TYPE,
  ONCALL_ROTATION_DOCUMENT_TYPE,
} from '@oncall-for-backstage/plugin-oncall-common';
import { toIncidentDocument, toRotationDocument } from '../collators/documents';
import {
  collatedIncidentSchema,
  collatedRotationSchema,
} from '../collators/schemas';

/**
 * A small organisation as the on-call backend would hand it to the collators, mapped by
 * the collators' own document functions, plus the catalog's documents for the same
 * entities (as the catalog collator writes them).
 */
const teams = [
  {
    group: 'payments',
    team: 'payments-team',
    schedules: [{ id: 'pay', name: 'payments_schedule', onCall: true }],
    components: ['payments-api', 'payment-gateway', 'fraud-detector'],
    covers: [],
  },
  {
    group: 'checkout',
    team: 'checkout',
    schedules: [
      // at the weekend, nobody is on the weekday rotation
      { id: 'co-weekday', name: 'checkout_weekday', onCall: false },
      { id: 'co-weekend', name: 'checkout_weekend', onCall: true },
    ],
    components: ['checkout-api', 'cart-service'],
    covers: [],
  },
  {
    group: 'commerce',
    team: 'commerce',
    schedules: [{ id: 'com', name: 'commerce_schedule', onCall: true }],
    components: [],
    // storefront has no team of its own and inherits commerce's through spec.parent
    covers: [
      'group:default/storefront',
      'component:default/storefront-web',
      'component:default/product-catalog',
      'system:default/commerce-platform',
    ],
  },
  {
    group: 'sre',
    team: 'sre',
    schedules: [{ id: 'sre', name: 'sre_ic_schedule', onCall: true }],
    components: ['incident-bot', 'status-page'],
    covers: [],
  },
  {
    group: 'data-platform',
    team: 'data-platform',
    schedules: [{ id: 'data', name: 'data-platform_schedule', onCall: true }],
    components: ['event-pipeline', 'data-warehouse', 'reporting-api'],
    covers: [],
  },
];

const titles = [
  'Elevated 5xx errors on {s}',
  'Latency spike in {s}',
  '{s} pods crash-looping after deploy',
  'Timeouts from {s} to its database',
  'Expired TLS certificate on {s}',
  'Memory leak in {s}',
];
const severities = ['sev1', 'sev2', 'sev3', 'sev2', 'sev3', 'sev0'];
const people = ['Olivia Brown', 'Noah Wilson', 'Ava Martin', 'Maria Garcia'];

/** Every component, including those whose owner inherits a rotation. */
const components = [
  ...teams.flatMap(t => t.components),
  'storefront-web',
  'product-catalog',
];

export const rotationDocuments = (): IndexableDocument[] =>
  teams.flatMap(t =>
    t.schedules.map(schedule => {
      const document = toRotationDocument(
        collatedRotationSchema.parse({
          entityRef: `group:default/${t.group}`,
          team: t.team,
          schedule: { id: schedule.id, name: schedule.name, timezone: 'UTC' },
          responders: schedule.onCall
            ? {
                primary: [{ name: people[0] }],
                secondary: [{ name: people[1] }],
              }
            : {},
          entityRefs: [
            `group:default/${t.group}`,
            ...t.components.map(c => `component:default/${c}`),
            ...t.covers,
          ],
        }),
      );
      if (!document) {
        throw new Error(`fixture rotation ${schedule.name} has no document`);
      }
      return document;
    }),
  );

export const incidentDocuments = (): IndexableDocument[] =>
  components.flatMap((component, c) =>
    titles.map((title, i) => {
      const document = toIncidentDocument(
        collatedIncidentSchema.parse({
          id: `INC-${1000 + c * titles.length + i}`,
          title: title.replace('{s}', component),
          severity: severities[i],
          status: i === 0 ? 'investigating' : 'resolved',
          startedAt: new Date(Date.UTC(2026, 9, 1 + i, 8)).toISOString(),
          commander: { name: people[(c + i) % people.length] },
          slackChannel: {
            name: `#inc-${1000 + c * titles.length + i}-${component}`,
            url: 'https://example.slack.com/archives/C1',
          },
          services: [component],
          entityRefs: [`component:default/${component}`],
        }),
      );
      if (!document) {
        throw new Error(`fixture incident for ${component} has no document`);
      }
      return document;
    }),
  );

/** The catalog collator's document of one entity in the default namespace. */
const catalogDocument = (
  kind: 'Group' | 'Component',
  name: string,
  text: string,
): IndexableDocument & { kind: string; namespace: string } => ({
  title: name,
  text,
  location: `/catalog/default/${kind.toLowerCase()}/${name}`,
  kind,
  namespace: 'default',
  authorization: { resourceRef: `${kind.toLowerCase()}:default/${name}` },
});

/** The catalog's own documents for the Groups and Components. */
export const catalogDocuments = (): IndexableDocument[] => [
  ...[...teams.map(t => t.group), 'storefront'].map(group =>
    catalogDocument('Group', group, `The ${group} team.`),
  ),
  ...components.map(component =>
    catalogDocument('Component', component, `The ${component} service.`),
  ),
];

export const fixtureIndex: Record<string, () => IndexableDocument[]> = {
  [ONCALL_ROTATION_DOCUMENT_TYPE]: rotationDocuments,
  [ONCALL_INCIDENT_DOCUMENT_TYPE]: incidentDocuments,
  'software-catalog': catalogDocuments,
};
