import { connectionCap, DEFAULTS, parseArgs, planFor } from './options';

describe('parseArgs', () => {
  it('runs every workload for the targets by default, without the peer', () => {
    const options = parseArgs([]);
    expect(options).toEqual(DEFAULTS);
    expect(options.only).toEqual(['W1', 'W1L', 'W2', 'W3', 'W4']);
    expect(options.connections).toBe(50_000);
    expect(options.peer).toBeUndefined();
  });

  it('reads --only as a list in workload order, in any case', () => {
    expect(parseArgs(['--only', 'w3,W1']).only).toEqual(['W1', 'W3']);
    expect(parseArgs(['--only', 'w1l,W1']).only).toEqual(['W1', 'W1L']);
    expect(parseArgs(['--only=W2']).only).toEqual(['W2']);
  });

  it('reads the peer, the sizes and the switches', () => {
    const options = parseArgs([
      '--peer',
      'socketio',
      '--connections',
      '20000',
      '--duration=5',
      '--warmup',
      '0.5',
      '--workers',
      '3',
      '--gateways=2',
      '--profile',
    ]);
    expect(options).toMatchObject({
      peer: 'socketio',
      connections: 20_000,
      durationSec: 5,
      warmupSec: 0.5,
      workers: 3,
      gateways: 2,
      profile: true,
    });
  });

  it('runs cim over TCP unless --carrier names WebSocket, and refuses another carrier by name', () => {
    expect(parseArgs([]).carrier).toBe('tcp');
    expect(parseArgs(['--carrier', 'ws']).carrier).toBe('ws');
    expect(parseArgs(['--quick', '--carrier=tcp', '--peer', 'socketio'])).toMatchObject({
      carrier: 'tcp',
      peer: 'socketio',
      quick: true,
    });
    expect(() => parseArgs(['--carrier', 'websocket'])).toThrow('--carrier: one of tcp, ws, got websocket');
    expect(() => parseArgs(['--carrier'])).toThrow('--carrier: one of tcp, ws, got nothing');
  });

  it('makes --quick short and small, unless a size is given', () => {
    expect(parseArgs(['--quick'])).toMatchObject({ quick: true, connections: 1_000, durationSec: 2 });
    expect(parseArgs(['--quick', '--duration', '4']).durationSec).toBe(4);
    expect(planFor(parseArgs(['--quick'])).w1).toEqual({ users: 100, senders: 20, window: 4 });
  });

  it('sizes the full run as the targets say', () => {
    expect(planFor(parseArgs([]))).toEqual({
      w1: { users: 1_000, senders: 200, window: 4 },
      w1l: { users: 100, senders: 100, window: 1 },
      w2: { users: 2_000, window: 1 },
      w3: { connections: 50_000 },
      w4: { members: 1_000, online: 500, window: 1, catchUp: 10_000 },
      soak: { users: 400, senders: 100, window: 2, messages: 2_000_000 },
    });
  });

  it('runs the capacity measurement by default, alone with --only capacity, and not with other --only lists', () => {
    expect(parseArgs([]).capacity).toBe(true);
    const alone = parseArgs(['--only', 'capacity', '--capacity-cluster', '--capacity-items', '5000']);
    expect(alone).toMatchObject({ only: [], capacity: true, capacityCluster: true, capacityItems: 5000 });
    expect(parseArgs(['--only', 'W1']).capacity).toBe(false);
    expect(parseArgs(['--quick']).capacityItems).toBe(2000);
    expect(() => parseArgs(['--capacity-items', '0'])).toThrow(/--capacity-items needs a positive integer/);
  });

  it('runs the soak only when --only names it, with 2 million messages unless told', () => {
    expect(parseArgs([]).soak).toBe(false);
    expect(parseArgs(['--only', 'soak'])).toMatchObject({
      only: [],
      soak: true,
      capacity: false,
      soakMessages: 2_000_000,
    });
    expect(parseArgs(['--only', 'W1,soak', '--soak-messages', '500000'])).toMatchObject({
      only: ['W1'],
      soak: true,
      soakMessages: 500_000,
    });
    expect(parseArgs(['--quick', '--only', 'soak']).soakMessages).toBe(20_000);
    expect(planFor(parseArgs(['--only', 'soak'])).soak).toEqual({
      users: 400,
      senders: 100,
      window: 2,
      messages: 2_000_000,
    });
    expect(() => parseArgs(['--soak-messages', '0'])).toThrow(/--soak-messages needs a positive integer/);
  });

  it("caps the soak's histories at 200 messages per conversation unless told", () => {
    expect(parseArgs(['--only', 'soak']).soakHistory).toBe(200);
    expect(parseArgs(['--only', 'soak', '--soak-history=1000']).soakHistory).toBe(1000);
    expect(() => parseArgs(['--soak-history', '-5'])).toThrow(/--soak-history needs a positive integer/);
  });

  it('refuses unknown flags, unknown workloads and bad numbers, naming them', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseArgs(['--only', 'W9'])).toThrow(/unknown workload W9/);
    expect(() => parseArgs(['--peer', 'ws'])).toThrow(/only "socketio"/);
    expect(() => parseArgs(['--connections', '-3'])).toThrow(/--connections needs a positive integer/);
    expect(() => parseArgs(['--connections', '1.5'])).toThrow(/positive integer/);
    expect(() => parseArgs(['--duration'])).toThrow(/--duration needs a positive number, got nothing/);
  });
});

describe('connectionCap', () => {
  it('leaves a reserve under the descriptor limit, in thousands', () => {
    expect(connectionCap(20_000)).toBe(19_000);
    expect(connectionCap(65_536)).toBe(64_000);
    expect(connectionCap(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(connectionCap(500)).toBe(0);
  });
});
