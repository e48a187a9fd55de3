import { Writable } from 'node:stream';
import { createLogger } from './create-logger';
import { withLogFields } from './log-context';
import { PinoLoggerService } from './pino-logger.service';

function capture(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: new PinoLoggerService(createLogger({ app: 'test-app', level, destination })) };
}

describe('PinoLoggerService', () => {
  it("writes Nest's calls as JSON lines with the level name, app and context", () => {
    const { lines, logger } = capture();
    logger.log('started', 'NestFactory');
    logger.warn('careful');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        app: 'test-app',
        context: 'NestFactory',
        msg: 'started',
        time: expect.any(String),
      }),
      expect.objectContaining({ level: 'warn', msg: 'careful' }),
    ]);
    expect(lines[1]).not.toHaveProperty('context');
  });

  it('keeps the stack of an error and the fields of an object message', () => {
    const { lines, logger } = capture();
    logger.error('failed', 'Error: x\n    at somewhere (file.ts:1:1)', 'Deliverer');
    logger.log({ msg: 'pushed', messageId: '0012', online: 2 }, 'SystemDelivery');
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'failed',
      context: 'Deliverer',
      stack: expect.stringContaining('at somewhere'),
    });
    expect(lines[1]).toMatchObject({
      msg: 'pushed',
      messageId: '0012',
      online: 2,
      context: 'SystemDelivery',
    });
  });

  it('adds the fields of the current log context, also after an await', async () => {
    const { lines, logger } = capture();
    await withLogFields({ requestId: 'r-1' }, async () => {
      await new Promise((r) => setImmediate(r));
      await withLogFields({ messageId: 'm-1' }, async () => logger.log('inside'));
    });
    logger.log('outside');
    expect(lines[0]).toMatchObject({ requestId: 'r-1', messageId: 'm-1', msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('writes nothing below the level', () => {
    const { lines, logger } = capture('warn');
    logger.log('quiet');
    logger.debug('quieter');
    logger.error('loud');
    expect(lines.map((l) => l.msg)).toEqual(['loud']);
  });
});
