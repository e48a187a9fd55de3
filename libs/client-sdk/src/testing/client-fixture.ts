import { MessageKind, ChatMessage } from '@cim/protocol';
import { CimClient } from '../node-client';
import { CimClientOptions, ClientState, ReceivedMessage } from '../types';
import { FakeGateway } from './fake-gateway';
import { FakeImServer } from './fake-im-server';

export const PASSWORD = 'correct horse battery';

/** Two fake im-servers behind a fake gateway, and clients that record what they saw. */
export class ClientFixture {
  readonly clients: CimClient[] = [];

  private constructor(
    readonly gateway: FakeGateway,
    readonly servers: FakeImServer[],
  ) {}

  static async start(serverCount = 2): Promise<ClientFixture> {
    const servers = await Promise.all(
      Array.from({ length: serverCount }, (_, i) => FakeImServer.start(`im-${i + 1}`)),
    );
    return new ClientFixture(await FakeGateway.start(servers), servers);
  }

  /** A client of a registered user, recording its messages, states and hook calls. */
  client(name = 'alice', options: Partial<CimClientOptions> = {}): RecordingClient {
    if (!this.gateway.users.some((u) => u.name === name)) this.gateway.addUser(name, PASSWORD);
    const recorder = new Recorder();
    const client = new CimClient({
      gatewayUrl: this.gateway.url,
      name,
      password: PASSWORD,
      listener: { onMessage: (m) => void recorder.messages.push(m) },
      hooks: recorder.hooks(),
      backoff: { initialDelayMs: 5, maxDelayMs: 20, spreadMs: 10 },
      ...options,
    });
    this.clients.push(client);
    return Object.assign(client, { recorder });
  }

  /** The same client, started: logged in and connected. */
  async started(name = 'alice', options: Partial<CimClientOptions> = {}): Promise<RecordingClient> {
    const client = this.client(name, options);
    await client.start();
    return client;
  }

  /** The fake im-server the client is connected to. */
  serverOf(client: CimClient): FakeImServer {
    return this.servers.find((s) => s.id === client.session?.server.id)!;
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close()));
    await Promise.all([this.gateway.stop(), ...this.servers.map((s) => s.stop())]);
  }
}

export type RecordingClient = CimClient & { recorder: Recorder };

export class Recorder {
  readonly messages: ReceivedMessage[] = [];
  readonly states: [ClientState, string | undefined][] = [];
  readonly errors: Error[] = [];
  readonly kicks: string[] = [];
  readonly reconnecting: [number, number][] = [];
  readonly reconnected: string[] = [];

  hooks(): CimClientOptions['hooks'] {
    return {
      onStateChange: (state, reason) => void this.states.push([state, reason]),
      onKicked: (reason) => void this.kicks.push(reason),
      onReconnecting: (attempt, delayMs) => void this.reconnecting.push([attempt, delayMs]),
      onReconnected: (serverId) => void this.reconnected.push(serverId),
      onError: (error) => void this.errors.push(error),
    };
  }

  stateNames(): ClientState[] {
    return this.states.map(([state]) => state);
  }
}

let nextId = 1;

/** A MESSAGE-frame message, as an im-server would push it. */
export function chatMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  const id = String(nextId++).padStart(19, '0');
  return {
    messageId: id,
    seq: nextId,
    senderId: '10002',
    senderName: 'bob',
    receiverId: '10001',
    kind: MessageKind.Private,
    body: `message ${id}`,
    sentAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** Polls until the assertion passes, or throws its last failure after timeoutMs. */
export async function eventually(assertion: () => void, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
