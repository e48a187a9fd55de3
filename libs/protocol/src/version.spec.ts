import { loginProtocolVersion, PROTOCOL_VERSION, unsupportedProtocolVersion } from './version';

describe('protocol versions', () => {
  it('takes a LOGIN without a version for version 1', () => {
    expect(loginProtocolVersion({ userId: 'u', token: 't' } as { protocolVersion?: number })).toBe(1);
    expect(loginProtocolVersion({ protocolVersion: 0 })).toBe(1);
    expect(loginProtocolVersion({ protocolVersion: 3 })).toBe(3);
  });

  it('serves the version this code speaks', () => {
    expect(unsupportedProtocolVersion(PROTOCOL_VERSION)).toBeUndefined();
  });

  it('names both versions when the client is too new', () => {
    expect(unsupportedProtocolVersion(PROTOCOL_VERSION + 1)).toBe(
      `the client speaks protocol version ${PROTOCOL_VERSION + 1}, too new for this server, which speaks protocol version ${PROTOCOL_VERSION}`,
    );
  });

  it('names both versions when the client is too old', () => {
    expect(unsupportedProtocolVersion(1, { min: 2, max: 3 })).toBe(
      'the client speaks protocol version 1, too old for this server, which speaks protocol versions 2 to 3',
    );
  });
});
