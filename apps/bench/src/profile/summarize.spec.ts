import { callersOf, categoryOf, CpuProfile, formatSummary, summarizeProfile } from './summarize';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)') },
    { id: 2, callFrame: frame('(idle)') },
    {
      id: 3,
      callFrame: frame('send', 'file:///r/dist/apps/im-server/apps/im-server/src/uplink/send.service.js', 29),
    },
    { id: 4, callFrame: frame('sendCommand', 'file:///r/node_modules/ioredis/built/Redis.js', 337) },
    { id: 5, callFrame: frame('(garbage collector)') },
  ],
  startTime: 1_000,
  // Sample times 1100, 1200, 1300, 1400, 1500; the last lasts until endTime.
  samples: [3, 3, 4, 2, 5],
  timeDeltas: [100, 100, 100, 100, 100],
  endTime: 1_600,
};

describe('categoryOf', () => {
  it('names cim concerns, packages, node internals and V8 states', () => {
    expect(categoryOf('x', 'file:///r/dist/apps/im-server/apps/im-server/src/transport/connection.js')).toBe(
      'cim apps/im-server/transport',
    );
    expect(categoryOf('x', 'file:///r/dist/apps/im-server/libs/protocol/src/codec/frame-decoder.js')).toBe(
      'cim libs/protocol/codec',
    );
    expect(categoryOf('x', 'file:///r/node_modules/@nestjs/microservices/server/server.js')).toBe(
      '@nestjs/microservices',
    );
    expect(categoryOf('x', 'node:internal/streams/writable')).toBe('node:internal/streams');
    expect(categoryOf('x', 'node:net')).toBe('node:net');
    expect(categoryOf('(garbage collector)', '')).toBe('GC');
    expect(categoryOf('writeBuffer', '')).toBe('V8/native (program)');
    expect(categoryOf('validate14', '')).toBe('ajv (compiled schemas)');
  });
});

describe('summarizeProfile', () => {
  it('adds up self time per function and category, leaving idle time out of the busy share', () => {
    const summary = summarizeProfile(profile);
    expect([summary.totalMs, summary.busyMs]).toEqual([1, 0]);
    expect(summary.functions.map((f) => [f.name, f.percent])).toEqual([
      ['send apps/im-server/src/uplink/send.service.js:30', 50],
      ['sendCommand ioredis/built/Redis.js:338', 25],
      ['(garbage collector)', 25],
    ]);
    expect(summary.categories[0]).toEqual({ name: 'cim apps/im-server/uplink', ms: 0.2, percent: 50 });
  });

  it('keeps only the samples within the window', () => {
    const summary = summarizeProfile(profile, 15, 1_250, 1_450);
    expect(summary.functions.map((f) => f.name)).toEqual(['sendCommand ioredis/built/Redis.js:338']);
  });

  it('reads as text', () => {
    expect(formatSummary('im-1', summarizeProfile(profile))).toMatch(/^im-1: 0 ms busy of 1 ms sampled/);
  });
});

describe('callersOf', () => {
  it('names the nearest caller outside node internals, by share of the samples', () => {
    const nodes: CpuProfile['nodes'] = [
      { id: 1, callFrame: frame('(root)'), children: [2, 3] },
      {
        id: 2,
        callFrame: frame('sendCommand', 'file:///r/node_modules/ioredis/built/Redis.js', 337),
        children: [4],
      },
      {
        id: 3,
        callFrame: frame(
          'handleSend',
          'file:///r/node_modules/@nestjs/microservices/helpers/json-socket.js',
          29,
        ),
        children: [5],
      },
      { id: 4, callFrame: frame('writeGeneric', 'node:internal/stream_base_commons', 147), children: [6] },
      { id: 5, callFrame: frame('writeUtf8String') },
      { id: 6, callFrame: frame('writeUtf8String') },
    ];
    const samples = [6, 6, 6, 5];
    const callers = callersOf(
      { nodes, samples, timeDeltas: samples.map(() => 1), startTime: 0, endTime: 5 },
      'writeUtf8String',
    );
    expect(callers.map((c) => [c.name, c.percent])).toEqual([
      ['sendCommand ioredis/built/Redis.js:338', 75],
      ['handleSend @nestjs/microservices/helpers/json-socket.js:30', 25],
    ]);
  });
});
