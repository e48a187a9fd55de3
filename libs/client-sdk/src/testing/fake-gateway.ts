import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeImServer } from './fake-im-server';

export interface GatewayRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: Record<string, unknown>;
}

/** An error answer a spec queues; with retryAfterSec, it carries that Retry-After header. */
export interface CannedFailure {
  status: number;
  message: string;
  retryAfterSec?: number;
}

interface FakeUser {
  userId: string;
  name: string;
  password: string;
}

/**
 * An in-process route-gateway for unit specs (node:http): register, login and resume (round robin over
 * the fake im-servers it knows), logout, online users and the conversation list, with canned failures queued by the spec.
 * Resume credentials are `resume-<userId>-<n>`; those in `revoked` are refused.
 */
export class FakeGateway {
  readonly requests: GatewayRequest[] = [];
  readonly users: FakeUser[] = [];
  readonly online = new Set<string>();
  servers: FakeImServer[] = [];
  /** Answers given to the next logins instead of the real one, first in first out. */
  readonly loginFailures: CannedFailure[] = [];
  /** Answers given to the next resumes instead of the real one, first in first out. */
  readonly resumeFailures: CannedFailure[] = [];
  readonly revoked = new Set<string>();
  /** Answers a login or resume naming `avoid` 400, as a gateway that predates the field does. */
  refusesAvoid = false;
  /** What GET /api/conversations answers (the same list for every user); a number answers that status. */
  conversations: { conversation: string; lastSeq: number }[] | number = [];
  private credentials = 0;
  private nextServer = 0;
  private tokens = 0;

  private constructor(private readonly server: Server) {}

  static async start(servers: FakeImServer[]): Promise<FakeGateway> {
    const server = createServer();
    const fake = new FakeGateway(server);
    fake.servers = servers;
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  addUser(name: string, password: string): string {
    const userId = String(10001 + this.users.length);
    this.users.push({ userId, name, password });
    return userId;
  }

  paths(method: string, path: string): GatewayRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(path));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const path = req.url ?? '';
    this.requests.push({ method: req.method!, path, authorization: req.headers.authorization, body });
    const reply = (status: number, answer?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(answer === undefined ? undefined : JSON.stringify(answer));
    };
    const error = (status: number, message: string) =>
      reply(status, { statusCode: status, error: 'x', message });
    const canned = ({ status, message, retryAfterSec }: CannedFailure) =>
      reply(
        status,
        { statusCode: status, error: 'x', message },
        retryAfterSec === undefined ? {} : { 'retry-after': String(retryAfterSec) },
      );
    if (req.method === 'POST' && path === '/api/users') {
      if (this.users.some((u) => u.name === body?.name)) return error(409, 'user name is already taken');
      const userId = this.addUser(String(body?.name), String(body?.password));
      return reply(201, { userId, name: body?.name });
    }
    if (this.refusesAvoid && body?.avoid !== undefined && (path === '/api/login' || path === '/api/resume'))
      return reply(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: ['property avoid should not exist'],
      });
    if (req.method === 'POST' && path === '/api/login') {
      const failure = this.loginFailures.shift();
      if (failure) return canned(failure);
      const user = this.users.find((u) => u.name === body?.name || u.userId === body?.userId);
      if (!user || user.password !== body?.password)
        return error(401, 'wrong user name, user id or password');
      const credential = `resume-${user.userId}-${++this.credentials}`;
      return this.grant(user, credential, reply, error);
    }
    if (req.method === 'POST' && path === '/api/resume') {
      const failure = this.resumeFailures.shift();
      if (failure) return canned(failure);
      const credential = String(body?.credential);
      const user = this.users.find((u) => credential.startsWith(`resume-${u.userId}-`));
      if (!user) return error(401, 'resume credential is malformed; log in with the password');
      if (this.revoked.has(credential))
        return error(401, 'resume credential has been revoked; log in with the password');
      return this.grant(user, credential, reply, error);
    }
    const user = this.users.find((u) => req.headers.authorization?.startsWith(`Bearer token-${u.userId}-`));
    if (!user) return error(401, 'missing or invalid token');
    if (req.method === 'POST' && path === '/api/logout') {
      this.online.delete(user.userId);
      return reply(204);
    }
    if (req.method === 'GET' && path.startsWith('/api/online-users')) {
      const users = this.users.filter((u) => this.online.has(u.userId));
      return reply(200, { cursor: '0', users: users.map(({ userId, name }) => ({ userId, name })) });
    }
    if (req.method === 'GET' && path === '/api/conversations') {
      const listed = this.conversations;
      if (typeof listed === 'number') return error(listed, 'conversations unavailable');
      return reply(200, { conversations: listed.map((c) => ({ ...c, lastMessage: null })) });
    }
    return error(404, 'not found');
  }

  private grant(
    user: FakeUser,
    credential: string,
    reply: (status: number, answer?: unknown) => void,
    error: (status: number, message: string) => void,
  ): void {
    const server = this.servers[this.nextServer++ % this.servers.length];
    if (!server) return error(503, 'no im-server available');
    this.online.add(user.userId);
    const token = `token-${user.userId}-${++this.tokens}`;
    reply(200, {
      userId: user.userId,
      name: user.name,
      token,
      expiresAt: Date.now() + 3_600_000,
      server: { id: server.id, host: '127.0.0.1', port: server.port },
      resume: { credential, expiresAt: Date.now() + 86_400_000 },
    });
  }
}
