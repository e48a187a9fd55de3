import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCliArgs, UsageError } from './args';

describe('parseCliArgs', () => {
  it('takes the name, password, gateway and history directory from the command line', () => {
    const args = parseCliArgs(
      ['--name', 'alice', '--password', 'secret pass', '--gateway', 'http://gw:8080', '--history-dir', 'h'],
      {},
    );
    expect(args).toEqual({
      name: 'alice',
      password: 'secret pass',
      gatewayUrl: 'http://gw:8080',
      historyDir: resolve('h'),
      carrier: 'tcp',
      caFile: undefined,
      device: undefined,
    });
  });

  it('falls back on the environment, then on the defaults', () => {
    const env = { CIM_PASSWORD: 'from env', CIM_GATEWAY_URL: 'http://env:1', CIM_HISTORY_DIR: '~/hist' };
    expect(parseCliArgs(['--name', 'bob'], env)).toEqual({
      name: 'bob',
      password: 'from env',
      gatewayUrl: 'http://env:1',
      historyDir: join(homedir(), 'hist'),
      carrier: 'tcp',
      caFile: undefined,
      device: undefined,
    });
    expect(parseCliArgs(['--name', 'bob'], {})).toEqual({
      name: 'bob',
      password: undefined,
      gatewayUrl: 'http://127.0.0.1:8080',
      historyDir: join(homedir(), '.cim', 'history'),
      carrier: 'tcp',
      caFile: undefined,
      device: undefined,
    });
  });

  it('takes a variable set to the empty string as unset, as the servers do', () => {
    const env = {
      CIM_PASSWORD: '',
      CIM_GATEWAY_URL: '',
      CIM_HISTORY_DIR: '',
      CIM_CARRIER: '',
      CIM_CA_FILE: '',
    };
    expect(parseCliArgs(['--name', 'bob'], env)).toEqual({
      name: 'bob',
      password: undefined,
      gatewayUrl: 'http://127.0.0.1:8080',
      historyDir: join(homedir(), '.cim', 'history'),
      carrier: 'tcp',
      caFile: undefined,
      device: undefined,
    });
  });

  it('takes the carrier and a CA file to trust, from the command line or the environment', () => {
    const cli = parseCliArgs(['--name', 'bob', '--carrier', 'websocket', '--ca-file', 'ca.pem'], {});
    expect(cli).toMatchObject({ carrier: 'websocket', caFile: resolve('ca.pem') });
    const env = { CIM_CARRIER: 'websocket', CIM_CA_FILE: '/etc/cim/ca.pem' };
    expect(parseCliArgs(['--name', 'bob'], env)).toMatchObject({
      carrier: 'websocket',
      caFile: '/etc/cim/ca.pem',
    });
    expect(() => parseCliArgs(['--name', 'bob', '--carrier', 'udp'], {})).toThrow(
      new UsageError('--carrier must be tcp or websocket: udp'),
    );
  });

  it('asks for help', () => {
    expect(parseCliArgs(['--help'], {})).toBe('help');
  });

  it('refuses a missing or unsafe name, unknown options and a gateway that is not a URL', () => {
    expect(() => parseCliArgs([], {})).toThrow(UsageError);
    expect(() => parseCliArgs(['--name', '../etc'], {})).toThrow(UsageError);
    expect(() => parseCliArgs(['--name', 'a', '--colour'], {})).toThrow(UsageError);
    expect(() => parseCliArgs(['--name', 'a', '--gateway', 'gw:8080'], {})).toThrow(UsageError);
  });

  it('takes a device id, and refuses one that is not', () => {
    expect(parseCliArgs(['--name', 'bob', '--device', 'work-laptop'], {})).toMatchObject({
      device: 'work-laptop',
    });
    expect(() => parseCliArgs(['--name', 'bob', '--device', 'a b'], {})).toThrow(/--device must be/);
  });
});
