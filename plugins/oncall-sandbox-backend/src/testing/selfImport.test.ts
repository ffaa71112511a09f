import {
  compareShape,
  loadWireSample,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend/testing';

describe('the ./testing entry point', () => {
  it('loads wire samples for other packages', () => {
    const sample = loadWireSample('opsgenie', 'get-v2-schedules-id-403.json');
    expect(sample).toMatchObject({ code: 40301 });
    expect(
      compareShape(sample, {
        code: 1,
        message: 'x',
        took: 0.1,
        requestId: 'r',
      }),
    ).toEqual([]);
    expect(
      compareShape(sample, {
        code: '1',
        message: 'x',
        took: 0.1,
        requestId: 'r',
        extra: 1,
      }),
    ).toEqual([
      'code: expected number, got string',
      'extra: not in the sample',
    ]);
    expect(() => loadWireSample('opsgenie', '../../package.json')).toThrow();
  });
});
