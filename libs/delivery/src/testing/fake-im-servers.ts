import { DeliverReply, DeliverRequest, ImServerPatterns } from '@cim/protocol';
import { ServerInfo } from '@cim/registry';
import { ImServerCallError, ImServerClient, ImServerClientFactory } from '../calls/im-server-client';

export interface RecordedCall {
  serverId: string;
  pattern: string;
  payload: unknown;
}

type Handler = (payload: unknown) => unknown;

/**
 * Stands in for the im-servers' TCP transport in unit specs: records every call, answers Deliver
 * (nobody missed), SessionStatus (connected) and Kick by default; `answer` and `fail` change that.
 */
export class FakeImServers {
  readonly calls: RecordedCall[] = [];
  readonly closed: string[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly failing = new Set<string>();
  private readonly refusing = new Set<string>();

  readonly factory: ImServerClientFactory = (server: ServerInfo): ImServerClient => ({
    call: async <R>(pattern: string, payload: unknown): Promise<R> => {
      this.calls.push({ serverId: server.id, pattern, payload });
      if (this.refusing.has(server.id)) {
        const refused = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${server.rpcPort}`), {
          code: 'ECONNREFUSED',
        });
        throw new ImServerCallError(server.id, pattern, refused);
      }
      if (this.failing.has(server.id)) throw new ImServerCallError(server.id, pattern, 'connection refused');
      const handler = this.handlers.get(`${server.id}\n${pattern}`) ?? this.handlers.get(`*\n${pattern}`);
      return (handler ? handler(payload) : defaultAnswer(pattern, payload)) as R;
    },
    close: async () => void this.closed.push(server.id),
  });

  /** Answers calls of the pattern on the server ('*': any server) with the handler's result. */
  answer(serverId: string, pattern: string, handler: Handler): void {
    this.handlers.set(`${serverId}\n${pattern}`, handler);
  }

  /** Calls to the server fail as if it were unreachable. */
  fail(serverId: string): void {
    this.failing.add(serverId);
  }

  /** Calls to the server fail as a dead server's do: nothing listens on its RPC port (ECONNREFUSED). */
  refuse(serverId: string): void {
    this.refusing.add(serverId);
  }

  /** The server answers again (see fail and refuse). */
  heal(serverId: string): void {
    this.failing.delete(serverId);
    this.refusing.delete(serverId);
  }

  callsOf(pattern: string): RecordedCall[] {
    return this.calls.filter((c) => c.pattern === pattern);
  }
}

function defaultAnswer(pattern: string, payload: unknown): unknown {
  switch (pattern) {
    case ImServerPatterns.Deliver:
      return { missed: [], delivered: (payload as DeliverRequest).entries.length } satisfies DeliverReply;
    case ImServerPatterns.SessionStatus:
      return { connected: true };
    default:
      return {};
  }
}

export function serverInfo(id: string, port = 9000): ServerInfo {
  return {
    id,
    host: `${id}.test`,
    clientPort: port,
    rpcHost: '127.0.0.1',
    rpcPort: port + 1,
    httpPort: port + 2,
    startedAt: 0,
  };
}
