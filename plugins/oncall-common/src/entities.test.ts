import { Entity } from '@backstage/catalog-model';
import {
  entityRoutePath,
  hasOnCallAnnotation,
  isIncidentsAvailable,
  isOnCallAvailable,
} from './entities';
import { splitAnnotation } from './annotations';
import { oncallPageCreatePermission } from './permissions';

const entity = (kind: string, annotations: Record<string, string> = {}) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'checkout-api', annotations },
    spec: {},
  } as Entity);

describe('predicates', () => {
  it('offers the on-call tab for owned kinds and not for locations', () => {
    expect(isOnCallAvailable(entity('Component'))).toBe(true);
    expect(isOnCallAvailable(entity('Group'))).toBe(true);
    expect(isOnCallAvailable(entity('Location'))).toBe(false);
    expect(isIncidentsAvailable(entity('User'))).toBe(false);
  });

  it('recognises the Opsgenie annotations', () => {
    expect(hasOnCallAnnotation(entity('Component'))).toBe(false);
    expect(
      hasOnCallAnnotation(entity('Component', { 'opsgenie.com/team': 'x' })),
    ).toBe(true);
  });
});

describe('entityRoutePath', () => {
  it('lower-cases the kind and encodes every segment', () => {
    expect(
      entityRoutePath({ kind: 'Component', namespace: 'a b', name: 'x/y' }),
    ).toBe('component/a%20b/x%2Fy');
    expect(entityRoutePath({ kind: 'API', name: 'pay' })).toBe(
      'api/default/pay',
    );
  });
});

describe('splitAnnotation', () => {
  it('splits comma separated values and drops blanks', () => {
    expect(splitAnnotation(' weekday, weekend ,,')).toEqual([
      'weekday',
      'weekend',
    ]);
    expect(splitAnnotation(undefined)).toEqual([]);
  });
});

describe('permissions', () => {
  it('names the paging permission as the design says', () => {
    expect(oncallPageCreatePermission.name).toBe('oncall.page.create');
  });
});
