import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import { Client, createClient } from 'node-zookeeper-client';

/** The states of node-zookeeper-client's connection (STATES in its lib/ConnectionManager.js). */
export const LINK = {
  DISCONNECTED: 0,
  CONNECTING: 1,
  CONNECTED: 2,
  CONNECTED_READ_ONLY: 3,
  CLOSING: -1,
  CLOSED: -2,
  SESSION_EXPIRED: -3,
  AUTHENTICATION_FAILED: -4,
} as const;

/**
 * The largest packet accepted from a server: far above anything the registry reads (ZooKeeper itself
 * refuses packets over 1 MiB by default), low enough that a bogus length cannot make it buffer without end.
 */
export const MAX_PACKET_BYTES = 16 * 1024 * 1024;

/**
 * How much longer than asked a granted session timeout may be. ZooKeeper grants at most the timeout
 * asked for, unless that is below its minimum (two ticks).
 */
const MAX_GRANTED_FACTOR = 20;

/** What is used of the client's ConnectionManager, which its typings do not describe. */
interface ConnectionManager extends EventEmitter {
  state: number;
  socket?: Socket;
  pendingBuffer: Buffer | null;
  setState(state: number): void;
  findNextServer(callback: (server: unknown) => void): void;
  onSocketData(buffer: Buffer): void;
}

export interface ConnectOptions {
  sessionTimeoutMs: number;
  /** Joins this session (id and password in hex) instead of opening a new one. */
  join?: { id: string; password: string };
}

/**
 * One node-zookeeper-client Client, with what it lacks and the registry needs: a way to drop its
 * connection (it then connects again, in the same session), a way to stop it for good whatever state it
 * is in, and a decoder that cannot throw out of the socket's 'data' handler (a malformed or oversized
 * packet drops the connection instead of killing the process, see guardDecoder).
 *
 * These reach into the client's ConnectionManager, so package.json pins the client's version; the
 * constructor checks that the parts used are there.
 */
export class ClientConnection {
  readonly client: Client;
  private readonly manager: ConnectionManager;
  private stopped = false;

  constructor(connect: string, options: ConnectOptions, onState: (state: number) => void) {
    checkConnectString(connect);
    const join = options.join && {
      sessionId: Buffer.from(options.join.id, 'hex'),
      sessionPassword: Buffer.from(options.join.password, 'hex'),
    };
    this.client = createClient(connect, { sessionTimeout: options.sessionTimeoutMs, retries: 0, ...join });
    this.manager = managerOf(this.client);
    this.manager.on('state', onState);
    this.guardAttempts();
    this.guardDecoder(MAX_GRANTED_FACTOR * options.sessionTimeoutMs);
  }

  connect(): void {
    this.client.connect();
  }

  get state(): number {
    return this.manager.state;
  }

  /** The socket of the current connection or connection attempt, if one is open. */
  get socket(): Socket | undefined {
    const socket = this.manager.socket;
    return socket && !socket.destroyed ? socket : undefined;
  }

  /** Closes the socket: the client connects again (unless closing), still in its session. */
  drop(): void {
    this.manager.socket?.destroy();
  }

  /** Asks the server to end the session (when connected); the server then closes the connection. */
  closeSession(): void {
    this.stopped = true;
    this.client.close();
  }

  /** Ends the client at once, without telling the server: no connection is attempted again. */
  stop(): void {
    this.stopped = true;
    const { state } = this.manager;
    // In these states the client never connects again once its socket closes.
    if (state !== LINK.CLOSED && state !== LINK.SESSION_EXPIRED && state !== LINK.AUTHENTICATION_FAILED)
      this.manager.setState(LINK.CLOSING);
    this.drop();
  }

  /** Stopped, no attempt starts (the client may be waiting to start one); each starts with no stale bytes. */
  private guardAttempts(): void {
    const findNextServer = this.manager.findNextServer.bind(this.manager);
    this.manager.findNextServer = (callback) =>
      findNextServer((server) => {
        if (this.stopped) return;
        this.manager.pendingBuffer = null;
        callback(server);
      });
  }

  /**
   * What the client's decoder throws, a packet of impossible size, or a handshake granting a session
   * timeout far beyond the one asked for (the client would run its timers on it) drops the connection.
   */
  private guardDecoder(maxGrantedMs: number): void {
    const decode = this.manager.onSocketData.bind(this.manager);
    this.manager.onSocketData = (buffer) => {
      try {
        const head = headOf(this.manager.pendingBuffer, buffer);
        const size = head.length >= 4 ? head.readInt32BE(0) : 0;
        if (size < 0 || size > MAX_PACKET_BYTES) throw new Error(`a packet of ${size} bytes`);
        // A handshake's answer: length, protocol version, then the granted timeout.
        const granted = head.length >= 12 ? head.readInt32BE(8) : 0;
        if (this.manager.state === LINK.CONNECTING && granted > maxGrantedMs)
          throw new Error(`a session timeout of ${granted} ms`);
        decode(buffer);
      } catch {
        this.manager.pendingBuffer = null;
        this.drop();
      }
    };
  }
}

function managerOf(client: Client): ConnectionManager {
  const manager = (client as unknown as { connectionManager?: Partial<ConnectionManager> }).connectionManager;
  const parts = ['setState', 'findNextServer', 'onSocketData', 'on'] as const;
  if (
    !manager ||
    !parts.every((part) => typeof manager[part] === 'function') ||
    !('pendingBuffer' in manager)
  )
    throw new Error('node-zookeeper-client is not the version this registry was written for (1.1.3)');
  return manager as ConnectionManager;
}

/** The first 12 bytes of the packet being received (fewer until they have arrived). */
function headOf(pending: Buffer | null, next: Buffer): Buffer {
  return pending ? Buffer.concat([pending.subarray(0, 12), next.subarray(0, 12)]).subarray(0, 12) : next;
}

/**
 * Refuses what the client would accept and then fail on when it connects (inside an event, where the
 * error would end the process): `host:port,host:port[/chroot]` with ports 1–65535 (2181 when omitted).
 */
function checkConnectString(connect: string): void {
  const hosts = connect.split('/')[0].split(',').filter(Boolean);
  const bad = hosts.find((host) => {
    const [name, port, extra] = host.split(':');
    const number = Number(port ?? 2181);
    return !name || extra !== undefined || !Number.isInteger(number) || number < 1 || number > 65535;
  });
  if (hosts.length === 0 || bad !== undefined)
    throw new Error(`cannot connect to ZooKeeper "${connect}": expected host:port[,host:port…][/path]`);
}
