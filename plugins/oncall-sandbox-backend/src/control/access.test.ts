import {
  CONTROL_KEY_HEADER,
  decideControlAccess,
  isLoopbackAddress,
} from './access';

describe('isLoopbackAddress', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.2',
    '127.255.255.254',
    '::1',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
  ])('%s is loopback', address => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each([
    '10.0.0.7',
    '192.168.1.20',
    '172.17.0.1',
    '203.0.113.5',
    '128.0.0.1',
    '126.255.255.255',
    '0.0.0.0',
    '::',
    'fe80::1',
    '2001:db8::1',
    '::ffff:10.0.0.7',
    '::ffff:203.0.113.5',
    '::127.0.0.1',
    'localhost',
    '127.0.0.1.example.com',
    '',
    undefined,
  ])('%j is not loopback', address => {
    expect(isLoopbackAddress(address)).toBe(false);
  });
});

describe('decideControlAccess', () => {
  const remote = '203.0.113.5';

  it('without a control key: loopback callers only', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(
        decideControlAccess({ remoteAddress: address, headers: {} }, {}),
      ).toEqual({ allowed: true });
    }
    for (const address of [remote, '10.0.0.7', '::ffff:10.0.0.7', undefined]) {
      expect(
        decideControlAccess({ remoteAddress: address, headers: {} }, {}),
      ).toEqual({
        allowed: false,
        reason: expect.stringContaining('loopback callers only'),
      });
    }
  });

  it('never lets forwarding headers make a remote caller look local', () => {
    for (const headers of [
      { 'x-forwarded-for': '127.0.0.1' },
      { 'x-forwarded-for': '127.0.0.1, 203.0.113.5' },
      { forwarded: 'for=127.0.0.1' },
      { 'x-real-ip': '::1' },
      { host: 'localhost:7007' },
    ]) {
      expect(
        decideControlAccess({ remoteAddress: remote, headers }, {}).allowed,
      ).toBe(false);
    }
  });

  it('without a control key, a key header from a remote caller does not help', () => {
    expect(
      decideControlAccess(
        { remoteAddress: remote, headers: { [CONTROL_KEY_HEADER]: 'guess' } },
        {},
      ).allowed,
    ).toBe(false);
  });

  it('with a control key: any address with the key, no address without it', () => {
    const options = { controlKey: 's3cret-control' };
    for (const address of [remote, '10.0.0.7', '127.0.0.1', '::1']) {
      expect(
        decideControlAccess(
          {
            remoteAddress: address,
            headers: { [CONTROL_KEY_HEADER]: 's3cret-control' },
          },
          options,
        ),
      ).toEqual({ allowed: true });
      for (const headers of [
        {},
        { [CONTROL_KEY_HEADER]: '' },
        { [CONTROL_KEY_HEADER]: 's3cret-contro' },
        { [CONTROL_KEY_HEADER]: 's3cret-control ' },
        { [CONTROL_KEY_HEADER]: 'S3CRET-CONTROL' },
        { [CONTROL_KEY_HEADER]: ['s3cret-control', 's3cret-control'] },
        { authorization: 'Bearer s3cret-control' },
      ]) {
        expect(
          decideControlAccess({ remoteAddress: address, headers }, options),
        ).toEqual({
          allowed: false,
          reason: expect.stringContaining('X-Sandbox-Control-Key'),
        });
      }
    }
  });
});
