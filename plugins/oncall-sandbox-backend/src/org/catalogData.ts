import { DemoGroup, DemoService, DemoSystem } from './types';

/** The demo Group hierarchy (binding names, see the project brief). */
export const DEMO_GROUPS: DemoGroup[] = [
  { name: 'engineering', title: 'Engineering' },
  {
    name: 'sre',
    title: 'Site Reliability Engineering',
    parent: 'engineering',
    opsgenieAnnotation: 'sre',
  },
  {
    name: 'commerce',
    title: 'Commerce',
    parent: 'engineering',
    opsgenieAnnotation: 'commerce',
  },
  {
    name: 'payments',
    title: 'Payments',
    parent: 'commerce',
    opsgenieAnnotation: 'payments-team',
  },
  { name: 'checkout', title: 'Checkout', parent: 'commerce' },
  { name: 'storefront', title: 'Storefront', parent: 'commerce' },
  { name: 'discovery', title: 'Discovery', parent: 'engineering' },
  {
    name: 'data-platform',
    title: 'Data Platform',
    parent: 'engineering',
    opsgenieAnnotation: 'data-platform',
  },
  { name: 'growth', title: 'Growth', parent: 'engineering' },
];

/** Members per Group as `First Last` (emails are `first.last@example.com`). */
export const DEMO_MEMBERS: Record<string, string[]> = {
  sre: ['Maria Garcia', 'Tom Hughes', 'Priya Patel', 'Lukas Becker'],
  commerce: ['Sofia Rossi', 'James Miller', 'Chen Wei'],
  payments: ['Olivia Brown', 'Noah Wilson', 'Emma Jones', 'Liam Taylor'],
  checkout: ['Ava Martin', 'Ethan Clark', 'Mia Lewis', 'Lucas Walker'],
  storefront: ['Grace Hall', 'Daniel Adams', 'Yuki Tanaka'],
  discovery: ['Isla Young', 'Oscar King', 'Zoe Wright'],
  'data-platform': ['Amir Haddad', 'Nina Kowalski', 'Sam Okafor'],
  growth: ['Ruby Scott', 'Leo Green', 'Hana Sato'],
};

/** The demo guest user (the guest sign-in), a member of data-platform. */
export const GUEST = {
  name: 'guest',
  fullName: 'Guest User',
  email: 'guest@example.com',
  group: 'data-platform',
};

export const DEMO_SYSTEMS: DemoSystem[] = [
  {
    name: 'commerce-platform',
    owner: 'commerce',
    description: 'Everything a customer needs to buy from us.',
  },
  {
    name: 'discovery',
    owner: 'discovery',
    description: 'Search and recommendations.',
  },
  {
    name: 'data',
    owner: 'data-platform',
    description: 'Event pipeline, warehouse and reporting.',
  },
  {
    name: 'growth',
    owner: 'growth',
    description: 'Newsletters and referrals.',
  },
  {
    name: 'reliability',
    owner: 'sre',
    description: 'Incident tooling and the public status page.',
  },
];

type ServiceRow = [
  name: string,
  kind: 'Component' | 'API',
  type: string,
  system: string,
  owner: string,
  description: string,
];

const SERVICE_ROWS: ServiceRow[] = [
  [
    'payments-api',
    'Component',
    'service',
    'commerce-platform',
    'payments',
    'Takes and refunds payments.',
  ],
  [
    'payment-gateway',
    'Component',
    'service',
    'commerce-platform',
    'payments',
    'Talks to card networks and PSPs.',
  ],
  [
    'fraud-detector',
    'Component',
    'service',
    'commerce-platform',
    'payments',
    'Scores payments for fraud risk.',
  ],
  [
    'payments',
    'API',
    'openapi',
    'commerce-platform',
    'payments',
    'Public payments API.',
  ],
  [
    'checkout-api',
    'Component',
    'service',
    'commerce-platform',
    'checkout',
    'Checkout backend.',
  ],
  [
    'checkout-web',
    'Component',
    'website',
    'commerce-platform',
    'checkout',
    'Checkout pages.',
  ],
  [
    'cart-service',
    'Component',
    'service',
    'commerce-platform',
    'checkout',
    'Shopping carts.',
  ],
  [
    'checkout',
    'API',
    'openapi',
    'commerce-platform',
    'checkout',
    'Checkout API.',
  ],
  [
    'storefront-web',
    'Component',
    'website',
    'commerce-platform',
    'storefront',
    'The shop front.',
  ],
  [
    'product-catalog',
    'Component',
    'service',
    'commerce-platform',
    'storefront',
    'Products, prices and stock.',
  ],
  [
    'search-api',
    'Component',
    'service',
    'discovery',
    'discovery',
    'Product search.',
  ],
  [
    'search-indexer',
    'Component',
    'service',
    'discovery',
    'discovery',
    'Keeps the search index fresh.',
  ],
  [
    'recommendations',
    'Component',
    'service',
    'discovery',
    'discovery',
    'Personalised recommendations.',
  ],
  [
    'event-pipeline',
    'Component',
    'service',
    'data',
    'data-platform',
    'Streams product events.',
  ],
  [
    'data-warehouse',
    'Component',
    'service',
    'data',
    'data-platform',
    'The analytics warehouse.',
  ],
  [
    'reporting-api',
    'Component',
    'service',
    'data',
    'data-platform',
    'Business reports.',
  ],
  [
    'newsletter-service',
    'Component',
    'service',
    'growth',
    'growth',
    'Sends newsletters.',
  ],
  [
    'referral-service',
    'Component',
    'service',
    'growth',
    'growth',
    'Referral programme.',
  ],
  [
    'incident-bot',
    'Component',
    'service',
    'reliability',
    'sre',
    'Opens incident channels in Slack.',
  ],
  [
    'status-page',
    'Component',
    'website',
    'reliability',
    'sre',
    'The public status page.',
  ],
];

/** Services whose Blameless service name differs from the entity name (annotation `blameless.com/service`). */
export const BLAMELESS_SERVICE_OVERRIDES: Record<string, string> = {
  'checkout-api': 'checkout',
};

/**
 * Components that pin an Opsgenie team of their own (annotation `opsgenie.com/team`): the
 * teams whose rotations follow a local clock with daylight saving.
 */
export const OPSGENIE_TEAM_PINS: Record<string, string> = {
  'product-catalog': 'storefront-us',
  'search-indexer': 'discovery-eu',
};

export const DEMO_SERVICES: DemoService[] = SERVICE_ROWS.map(
  ([name, kind, type, system, owner, description]) => ({
    name,
    kind,
    type,
    system,
    owner,
    description,
    blamelessService: BLAMELESS_SERVICE_OVERRIDES[name] ?? name,
    ...(OPSGENIE_TEAM_PINS[name]
      ? { opsgenieTeam: OPSGENIE_TEAM_PINS[name] }
      : {}),
  }),
);

/** Turns `Maria Garcia` into the entity name and email local part `maria.garcia`. */
export function userNameOf(fullName: string): string {
  return fullName.toLowerCase().replace(/[^a-z]+/g, '.');
}
