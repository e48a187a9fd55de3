import { Frame, ReadState, Send } from '@cim/protocol';
import { Device, randomDevice, resolveDevice } from './device/device';
import { Carrier } from './carriers/carrier';
import { newClientMsgId } from './client-msg-id';
import { ConnectionHandlers, FrameConnection } from './connection';
import { RecentIds } from './dedup';
import { Delivery } from './delivery';
import {
  CimError,
  CimHttpError,
  CimServerError,
  GatewayBusyError,
  GatewayUnreachableError,
  InvalidCredentialsError,
  isUnsupportedProtocol,
  NotReadyError,
} from './errors';
import { Heartbeat } from './heartbeat';
import { SafeCallbacks } from './hooks';
import { GatewayApi } from './http-api';
import { Outbox } from './outbox/outbox';
import { Backoff } from './reconnect/backoff';
import { retry, retryWhileAsked } from './reconnect/retry';
import { BusyServer, openSession } from './session';
import { SignIn } from './sign-in';
import { SYNC_TIMEOUT_MS } from './sync/sync-page';
import {
  CimClientOptions,
  ClientState,
  OnlineUsersPage,
  ReadReceipt,
  SendResult,
  SessionInfo,
} from './types';

/** Attempts to log in again that may go unanswered before the client fails, unless the options say. */
const DEFAULT_LOGIN_RETRIES = 10;

/**
 * A cim user's client: logs in through the route-gateway, holds the connection to the im-server it
 * names (over the carrier it was given: the entries for Node and browsers choose a default), sends
 * over it and hands every message received to the listener once. A lost connection (or RECONNECT) is
 * followed by new sessions with backoff — resumed with the login's resume credential, the password only
 * when that is refused, away from an im-server that answered LOGIN busy meanwhile — until one succeeds
 * or loginRetries are spent ('failed'); sends made meanwhile
 * are queued and sends unanswered are re-sent with their ids. A SEND refused because the login is no
 * longer the user's current one starts such a new session too. A SEND left unanswered on a connection
 * that stays is written again after requestTimeoutMs, and refused after two such repeats (Outbox).
 */
export class CimClient {
  private current: ClientState = 'initialized';
  private failureReason?: Error;
  private sessionInfo?: SessionInfo;
  private token?: string;
  private connection?: FrameConnection;
  private heartbeat?: Heartbeat;
  /** Aborts the login under way (start or reconnection) when the client closes. */
  private attempts?: AbortController;
  private readonly api: GatewayApi;
  private readonly signIn: SignIn;
  private readonly carrier: Carrier;
  /** The device this client logs in as. */
  readonly device: Device;
  private readonly callbacks: SafeCallbacks;
  private readonly backoff: Backoff;
  private readonly outbox: Outbox;
  private readonly delivery: Delivery;
  private readonly handlers: ConnectionHandlers = {
    onFrame: (frame, connection) => this.onFrame(frame, connection),
    onClose: (connection, error) =>
      this.lost(connection, error ? `connection lost: ${error.message}` : 'the server closed the connection'),
  };

  constructor(private readonly options: CimClientOptions) {
    if (!options.name && !options.userId) throw new TypeError('CimClient needs a name or a userId');
    if (!options.password) throw new TypeError('CimClient needs a password');
    if (!options.carrier)
      throw new TypeError('CimClient needs a carrier (tcpCarrier() or websocketCarrier())');
    this.carrier = options.carrier;
    this.device = resolveDevice(options.device, randomDevice);
    this.api = new GatewayApi(options.gatewayUrl, options.httpTimeoutMs);
    this.signIn = new SignIn(this.api, {
      name: options.name,
      userId: options.userId,
      password: options.password,
      carrier: options.carrier.name,
      device: this.device,
    });
    this.callbacks = new SafeCallbacks(options.hooks, options.listener);
    this.backoff = new Backoff(options.backoff);
    this.outbox = new Outbox(
      () => (this.current === 'ready' ? this.connection : undefined),
      (connection) => this.lost(connection, 'the server no longer holds this login'),
      options.requestTimeoutMs,
    );
    this.delivery = new Delivery({
      seen: new RecentIds(options.dedupCapacity),
      handOver: (message) => this.callbacks.deliver(message),
      me: () => this.sessionInfo?.userId,
      onError: (error) => this.callbacks.error(error),
      requestTimeoutMs: options.requestTimeoutMs,
    });
  }

  get state(): ClientState {
    return this.current;
  }

  /** Why the client entered 'failed'. */
  get failure(): Error | undefined {
    return this.failureReason;
  }

  /** Who the client is logged in as and on which im-server; undefined before the first login. */
  get session(): SessionInfo | undefined {
    return this.sessionInfo;
  }

  get gatewayUrl(): string {
    return this.api.baseUrl;
  }

  /** Creates the user (name and password of the options); resolves with the user id. */
  register(): Promise<string> {
    if (!this.options.name) return Promise.reject(new TypeError('register() needs the name option'));
    return this.api.register(this.options.name, this.options.password);
  }

  /**
   * Logs in, connects and sends LOGIN; resolves on LOGIN_ACK. A gateway or im-server too busy to log
   * the client in now (503 with Retry-After, ERROR with retry_after_ms) is asked again after that wait,
   * growing and with jitter, until it answers otherwise or the client is closed (the gateway is told
   * which im-server answered busy, and places the client elsewhere); any other failure is thrown as a
   * typed error.
   */
  async start(): Promise<SessionInfo> {
    if (this.current !== 'initialized' && this.current !== 'failed')
      throw new NotReadyError(this.current, `cannot start a client that is ${this.current}`);
    const attempt = (this.attempts = new AbortController());
    const busyServer: BusyServer = {};
    try {
      await retryWhileAsked(
        () => this.openSession(attempt.signal, busyServer),
        busyWait,
        this.backoff,
        attempt.signal,
      );
    } catch (error) {
      if (attempt.signal.aborted)
        throw new NotReadyError(this.current, 'the client was closed while starting');
      this.fail(error as Error);
      throw error;
    }
    this.becomeReady();
    return this.sessionInfo!;
  }

  /** The same as start(). */
  login(): Promise<SessionInfo> {
    return this.start();
  }

  sendPrivate(receiverId: string, body: string): Promise<SendResult> {
    return this.send({ clientMsgId: newClientMsgId(), receiverId, body });
  }

  /** To everyone online but the sender. */
  sendGroup(body: string): Promise<SendResult> {
    return this.send({ clientMsgId: newClientMsgId(), group: true, body });
  }

  /**
   * To the members online of a group with membership (the sender must be a member: else the promise
   * rejects with a CimServerError of code NOT_A_MEMBER). The sending connection gets no copy.
   */
  sendToGroup(groupId: string, body: string): Promise<SendResult> {
    return this.send({ clientMsgId: newClientMsgId(), groupId, body });
  }

  /**
   * Marks the conversation ('group', 'p:<low id>:<high id>' or 'g:<group id>') read up to seq; resolves
   * with where the read pointer now stands (never moved back: beyond seq when it was further already).
   * The user's other sessions and, in a private pair, the peer get onRead. Rejects with CimServerError
   * (NOT_A_MEMBER for a conversation not the user's, BAD_REQUEST for a seq beyond its last), or
   * NotReadyError / ConnectionLostError when there is no connection to send it on, CimError when no
   * answer came within requestTimeoutMs (the mark may have been made: marking again is harmless).
   */
  async markRead(conversation: string, seq: number): Promise<number> {
    if (this.current !== 'ready' || !this.connection) throw new NotReadyError(this.current);
    const answer = await this.connection.request(
      { markRead: { conversation, seq } },
      this.options.requestTimeoutMs ?? SYNC_TIMEOUT_MS,
    );
    if (!answer.readState) throw new CimError('the answer to MARK_READ was not a READ_STATE');
    return Number(answer.readState.seq);
  }

  /** The bearer token of the current login, for the route-gateway's other HTTP endpoints (e.g. groups). */
  get accessToken(): string | undefined {
    return this.token;
  }

  onlineUsers(cursor = '0', count = 100): Promise<OnlineUsersPage> {
    if (!this.token || (this.current !== 'ready' && this.current !== 'reconnecting'))
      return Promise.reject(new NotReadyError(this.current));
    return this.api.onlineUsers(this.token, cursor, count);
  }

  /** Logs out (best effort) and releases the connection and every timer; the state becomes 'closed'. */
  async close(): Promise<void> {
    if (this.current === 'closed') return;
    const token = this.current === 'failed' ? undefined : this.token;
    this.signIn.forget();
    this.shutdown(new NotReadyError('closed', 'the client was closed'));
    this.setState('closed', 'closed by the client');
    this.token = undefined;
    if (token) await this.api.logout(token).catch(() => undefined);
  }

  private send(send: Send): Promise<SendResult> {
    if (this.current !== 'ready' && this.current !== 'reconnecting')
      return Promise.reject(new NotReadyError(this.current));
    return this.delivery.sent(
      send,
      this.outbox.add(send, this.current === 'ready' ? this.connection : undefined),
    );
  }

  private async openSession(signal: AbortSignal, busyServer: BusyServer): Promise<void> {
    const session = await openSession(
      this.api,
      this.signIn,
      this.handlers,
      {
        ...this.options,
        carrier: this.carrier,
        device: this.device,
        sendSession: this.outbox.sendSession,
        busyServer,
      },
      signal,
    );
    const { connection, info } = session;
    this.sessionInfo = info;
    this.token = session.token;
    this.connection = connection;
    this.heartbeat = new Heartbeat(connection, info.heartbeatIntervalMs, (silentMs) =>
      this.lost(connection, `nothing heard from the server for ${silentMs} ms`),
    );
    this.heartbeat.start();
  }

  /** Re-sends what the last connection left unanswered, catches the conversations up, then says 'ready'. */
  private becomeReady(): void {
    const token = this.token!;
    this.delivery.loggedIn(this.connection!, () => this.api.conversations(token));
    this.outbox.flush(this.connection!);
    this.setState('ready');
  }

  private onFrame(frame: Frame, connection: FrameConnection): void {
    if (this.current === 'closed' || this.current === 'failed') return;
    // MESSAGE may follow LOGIN_ACK in the same read, before the connection is adopted.
    if (frame.messages) return this.delivery.receive(frame.messages.messages ?? [], connection);
    if (connection !== this.connection) return;
    if (frame.kicked) return this.kicked(frame.kicked.reason);
    if (frame.reconnect)
      return this.lost(connection, `the server asked to reconnect: ${frame.reconnect.reason}`);
    if (frame.readState) return this.callbacks.emit('onRead', toReadReceipt(frame.readState));
    if (frame.error) this.callbacks.error(new CimServerError(frame.error));
  }

  private lost(connection: FrameConnection, reason: string): void {
    if (connection !== this.connection || this.current !== 'ready') return;
    this.detach();
    this.setState('reconnecting', reason);
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    const attempt = (this.attempts = new AbortController());
    const busyServer: BusyServer = {};
    try {
      await retry(() => this.openSession(attempt.signal, busyServer), {
        attempts: this.options.loginRetries ?? DEFAULT_LOGIN_RETRIES,
        backoff: this.backoff,
        isFatal: (error) => error instanceof InvalidCredentialsError || isUnsupportedProtocol(error),
        isAnswer: isAskedToWait,
        isBusy: (error) => error instanceof GatewayBusyError || error instanceof CimServerError,
        askedToWait: busyWait,
        onAttempt: (n, delayMs) => this.callbacks.emit('onReconnecting', n, delayMs),
        signal: attempt.signal,
      });
    } catch (error) {
      if (!attempt.signal.aborted) this.fail(error as Error);
      return;
    }
    this.becomeReady();
    this.callbacks.emit('onReconnected', this.sessionInfo!.server.id);
  }

  private kicked(reason: string): void {
    this.signIn.forget();
    this.shutdown(new NotReadyError('closed', `the client was kicked: ${reason}`));
    this.setState('closed', `kicked: ${reason}`);
    this.callbacks.emit('onKicked', reason);
  }

  private fail(error: Error): void {
    this.failureReason = error;
    this.shutdown(new NotReadyError('failed', `the client failed: ${error.message}`));
    this.setState('failed', error.message);
  }

  /** Stops everything: the login under way, the connection, the heartbeat; rejects waiting sends. */
  private shutdown(sendError: Error): void {
    this.attempts?.abort();
    this.attempts = undefined;
    this.detach();
    this.outbox.failAll(sendError);
  }

  private detach(): void {
    const connection = this.connection;
    this.connection = undefined;
    this.heartbeat?.stop();
    this.heartbeat = undefined;
    connection?.close();
  }

  private setState(state: ClientState, reason?: string): void {
    if (this.current === state) return;
    this.current = state;
    this.callbacks.emit('onStateChange', state, reason);
  }
}

/** The system answered, asking to try later: a 5xx or 429 from the gateway, an ERROR to LOGIN. */
function isAskedToWait(error: Error): boolean {
  if (error instanceof GatewayUnreachableError) return false;
  if (error instanceof CimHttpError) return error.status >= 500 || error.status === 429;
  return error instanceof CimServerError;
}

/** The wait a busy gateway (503 with Retry-After) or im-server (ERROR with retry_after_ms) asked for, ms. */
function busyWait(error: unknown): number | undefined {
  if (error instanceof GatewayBusyError || error instanceof CimServerError) return error.retryAfterMs;
  return undefined;
}

/** Decoded frames keep defaults on their prototype: copy every field explicitly. */
function toReadReceipt(state: ReadState): ReadReceipt {
  return { conversation: state.conversation, userId: state.userId, seq: Number(state.seq) };
}
