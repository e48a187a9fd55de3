import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { RateLimit } from '@cim/auth';
import { ErrorBody, ErrorCode, Frame, FRAME_KINDS, FrameKind, ProtocolError } from '@cim/protocol';
import { CIM_CLIENT_TRANSPORT, ClientPatterns } from './client-transport.constants';
import { asClientFailure } from './client-frame.error';
import { ClientCarrier, ClientLink, FrameReader, LinkHandler } from './carriers/client-link';
import { clockMs, Connection, ConnectionLimits, SETTLED } from './connection';

/** Frames received but not handled yet, per connection, at which reading pauses, and resumes. */
const MAX_QUEUED_FRAMES = 1000;
const RESUME_AT_QUEUED_FRAMES = 100;
const NOTHING = Buffer.alloc(0);

/** Why the transport closed a connection on its own, beside the ERROR codes it answers with. */
export type TransportCause =
  | 'slow_reader'
  | 'frame_timeout'
  | 'login_timeout'
  /** A WebSocket upgrade refused: an Origin not allowed, or a URL with a query string. */
  | 'origin_refused'
  | 'url_refused';

export interface ClientTransportOptions {
  /** The listeners clients connect through (TCP, WebSocket), each plain or TLS. */
  carriers: ClientCarrier[];
  /** Connections silent for longer are closed. */
  idleTimeoutMs: number;
  /** A frame must be whole this long after its first byte. */
  frameTimeoutMs: number;
  /** A connection must be logged in this long after it opened. */
  loginTimeoutMs: number;
  /** Bytes a client may leave unread before it gets RECONNECT and is closed. */
  maxOutboundBytes: number;
  /** Each connection's SEND rate limit. */
  sendLimit: RateLimit;
  /** Told the code of every ERROR frame sent, or the cause of a close the transport decided (metrics). */
  onError?: (cause: ErrorCode | TransportCause) => void;
}

/**
 * The im-server's client listener: a Nest custom transport speaking cim's protobuf frames over every
 * carrier it is given (carriers/: TCP or TLS, WebSocket), one protocol whatever the carrier. Each
 * accepted frame kind is dispatched to the @MessagePattern(kind, CIM_CLIENT_TRANSPORT)
 * handler, one frame at a time per connection; anything malformed, oversize or out of order gets an
 * ERROR frame and that connection alone is closed. One shared timer closes the connections that are
 * idle, not logged in in time, or stuck in the middle of a frame; a client that leaves too much unread
 * is told to reconnect and closed (Connection.writeBytes).
 */
export class ClientTransport extends Server implements CustomTransportStrategy {
  override readonly transportId = CIM_CLIENT_TRANSPORT;
  private sweeper?: NodeJS.Timeout;
  private readonly connections = new Set<Connection>();
  private nextConnectionId = 1;
  private readonly handlers = new Map<string, MessageHandler | null>();
  /** What every connection is given: one object for all of them. */
  private readonly limits: ConnectionLimits;
  /** What the carriers call for each connection: one handler for all of them. */
  private readonly links: LinkHandler<Connection> = {
    opened: (link, reader) => this.accept(link, reader),
    data: (connection, chunk) => this.receive(connection, chunk),
    closed: (connection) => this.closed(connection),
  };

  constructor(private readonly options: ClientTransportOptions) {
    super();
    const { sendLimit, maxOutboundBytes } = options;
    this.limits = { sendLimit, maxOutboundBytes, onSlowReader: () => options.onError?.('slow_reader') };
  }

  listen(callback: (error?: unknown) => void): void {
    const links = this.links as LinkHandler;
    Promise.all(this.options.carriers.map((carrier) => carrier.listen(links))).then(() => {
      const { idleTimeoutMs, frameTimeoutMs, loginTimeoutMs } = this.options;
      const shortest = Math.min(idleTimeoutMs, frameTimeoutMs, loginTimeoutMs);
      const every = Math.max(100, Math.min(5000, Math.floor(shortest / 4)));
      this.sweeper = setInterval(() => this.sweep(), every);
      this.sweeper.unref();
      callback();
    }, callback);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const connection of this.connections) connection.link.destroy();
    await Promise.all(this.options.carriers.map((carrier) => carrier.close()));
  }

  on(): never {
    throw new Error('the client transport emits no events; use @EventPattern(ClientPatterns.Closed)');
  }

  unwrap<T>(): T {
    return this.options.carriers as T;
  }

  private accept(link: ClientLink, reader: FrameReader): Connection {
    const connection = new Connection(this.nextConnectionId++, link, reader, this.limits);
    this.connections.add(connection);
    return connection;
  }

  private closed(connection: Connection): void {
    this.connections.delete(connection);
    connection.closeReason ??= 'disconnect';
    // After the frames already queued, so that a LOGIN in flight is bound before it is released.
    connection.queue = connection.queue
      .then(() => this.invoke(ClientPatterns.Closed, connection, connection))
      .catch((error: Error) => this.logger.error(`closing connection ${connection.id}: ${error.message}`));
  }

  private receive(connection: Connection, chunk: Buffer): void {
    connection.lastSeen = clockMs();
    this.decode(connection, chunk);
  }

  /** Decodes until the bytes run out or the connection is paused; then notes whether a frame is under way. */
  private decode(connection: Connection, chunk: Buffer): void {
    if (connection.broken || connection.closeReason) return;
    let decoded = false;
    try {
      connection.decoder.push(chunk, (frame) => {
        decoded = true;
        this.enqueue(connection, frame);
        return !connection.paused;
      });
      if (connection.paused || connection.decoder.buffered === 0) connection.frameStartedAt = undefined;
      else if (decoded || connection.frameStartedAt === undefined) connection.frameStartedAt = clockMs();
    } catch (error) {
      const { code, message } =
        error instanceof ProtocolError ? error : { code: ErrorCode.Internal, message: 'internal error' };
      // The stream is out of step: read no more, but answer once the frames before it are handled.
      connection.broken = true;
      connection.queue = connection.queue.then(() => this.refuse(connection, { code, text: message }));
    }
  }

  /**
   * Frames wait their turn; a client that sends faster than its frames are handled is paused: its socket
   * is not read and what was already read is not decoded until its queue has shrunk.
   */
  private enqueue(connection: Connection, frame: Frame): void {
    if (++connection.queued >= MAX_QUEUED_FRAMES && !connection.paused) {
      connection.paused = true;
      connection.link.pause();
    }
    const handled: Promise<void> = connection.queue.then(async () => {
      await this.dispatch(connection, frame);
      if (--connection.queued <= RESUME_AT_QUEUED_FRAMES && connection.paused) {
        connection.paused = false;
        connection.link.resume();
        this.decode(connection, NOTHING);
      }
      // The last frame in the queue: an idle connection keeps no settled promise of its own.
      if (connection.queue === handled) connection.queue = SETTLED;
    });
    connection.queue = handled;
  }

  private async dispatch(connection: Connection, frame: Frame): Promise<void> {
    if (!connection.open) return;
    const kind = FRAME_KINDS.find((k) => frame[k] !== undefined && frame[k] !== null) as FrameKind;
    const { requestId } = frame;
    if (!this.handlerOf(kind)) {
      return this.refuse(
        connection,
        { code: ErrorCode.BadRequest, text: `a client may not send ${kind} frames` },
        requestId,
      );
    }
    if (!connection.session && kind !== ClientPatterns.Login) {
      const error = { code: ErrorCode.NotLoggedIn, text: 'the first frame must be LOGIN', answers: kind };
      return this.refuse(connection, error, requestId);
    }
    try {
      await this.invoke(kind, frame, connection);
    } catch (error) {
      const failure = asClientFailure(error);
      this.options.onError?.(failure.code);
      const answer: Frame = {
        requestId,
        error: {
          code: failure.code,
          text: failure.text,
          answers: kind,
          clientMsgId: frame.send?.clientMsgId,
          retryAfterMs: failure.retryAfterMs,
        },
      };
      if (failure.close) connection.close('error', answer);
      else connection.write(answer);
    }
  }

  /** Answers with ERROR, counts it, and closes the connection. */
  private refuse(connection: Connection, error: ErrorBody, requestId?: number): void {
    this.options.onError?.(error.code);
    connection.fail(error, requestId);
  }

  /** Runs the handler through Nest's pipeline; rejects with what the handler threw. */
  private async invoke(pattern: string, data: unknown, connection: Connection): Promise<void> {
    const handler = this.handlerOf(pattern);
    if (!handler) return;
    await lastValueFrom(this.transformToObservable(await handler(data, connection)), {
      defaultValue: undefined,
    });
  }

  /** Nest's lookup normalizes the pattern (a JSON.parse that throws for plain strings): do it once per kind. */
  private handlerOf(pattern: string): MessageHandler | null {
    let handler = this.handlers.get(pattern);
    if (handler === undefined) this.handlers.set(pattern, (handler = this.getHandlerByPattern(pattern)));
    return handler;
  }

  private sweep(): void {
    const now = clockMs();
    const { idleTimeoutMs, frameTimeoutMs, loginTimeoutMs } = this.options;
    for (const connection of this.connections) {
      if (!connection.open) continue;
      if (!connection.loggedIn && connection.openedAt < now - loginTimeoutMs) {
        const text = `not logged in within ${loginTimeoutMs} ms of connecting`;
        this.drop(connection, 'login_timeout', { code: ErrorCode.NotLoggedIn, text });
      } else if (
        connection.frameStartedAt !== undefined &&
        connection.frameStartedAt < now - frameTimeoutMs
      ) {
        const text = `frame incomplete ${frameTimeoutMs} ms after its first byte`;
        this.drop(connection, 'frame_timeout', { code: ErrorCode.MalformedFrame, text });
      } else if (connection.lastSeen < now - idleTimeoutMs) {
        connection.close('idle');
      }
    }
  }

  /** Answers with ERROR and closes at once, whatever frames still wait; counts the cause. */
  private drop(connection: Connection, cause: TransportCause, error: ErrorBody): void {
    this.options.onError?.(cause);
    connection.broken = true;
    connection.close(cause.replace('_', '-'), { error });
  }
}
