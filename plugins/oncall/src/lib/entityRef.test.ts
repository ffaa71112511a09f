import { shortRef, toOnCallRef } from './entityRef';

describe('shortRef', () => {
  it('drops the kind and the default namespace', () => {
    expect(shortRef('group:default/payments')).toBe('payments');
    expect(shortRef('user:default/jane.doe')).toBe('jane.doe');
    expect(shortRef('payments')).toBe('payments');
    expect(shortRef('Group:payments')).toBe('payments');
  });

  it('keeps another namespace', () => {
    expect(shortRef('group:ops/payments')).toBe('ops/payments');
    expect(shortRef('ops/payments')).toBe('ops/payments');
  });

  it('shows a ref the catalog cannot parse as it is', () => {
    expect(shortRef('')).toBe('');
    expect(shortRef('group:default/')).toBe('group:default/');
  });
});

describe('toOnCallRef', () => {
  it('fills in the default namespace', () => {
    expect(
      toOnCallRef({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'payments' },
      }),
    ).toEqual({ kind: 'Group', namespace: 'default', name: 'payments' });
  });
});
