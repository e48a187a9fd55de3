import {
  CimHttpError,
  DuplicateLoginError,
  GatewayBusyError,
  GatewayUnreachableError,
  InvalidCredentialsError,
  NameTakenError,
  NoServerError,
  ResumeRejectedError,
} from './errors';
import { CarrierName } from './carriers/carrier';
import { Device } from './device/device';
import { LoginAnswer, OnlineUsersPage } from './types';

/** Where a login or resume wants its session. */
export interface SessionWish {
  /** The carrier the client will connect by: the gateway names the address for it. Default tcp. */
  carrier?: CarrierName;
  /** The device logging in. */
  device?: Device;
  /** The im-server that answered this client's last LOGIN busy: the gateway places it elsewhere. */
  avoid?: string;
}

export interface Credentials extends SessionWish {
  name?: string;
  userId?: string;
  password: string;
}

type Call = 'register' | 'login' | 'resume' | 'logout' | 'online-users' | 'conversations';

/** The route-gateway's HTTP API, as the client uses it; every failure is a typed CimHttpError. */
export class GatewayApi {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** POST /api/users → the new user id; NameTakenError when the name is taken. */
  async register(name: string, password: string): Promise<string> {
    const answer = await this.call<{ userId: string }>('register', 'POST', '/api/users', { name, password });
    return answer.userId;
  }

  /** POST /api/login → the token and the im-server to connect to. */
  login(credentials: Credentials, signal?: AbortSignal): Promise<LoginAnswer> {
    const { name, userId, password, carrier, device, avoid } = credentials;
    const body = {
      ...(userId !== undefined ? { userId } : { name }),
      password,
      carrier,
      ...deviceFields(device),
      avoid,
    };
    return this.call<LoginAnswer>('login', 'POST', '/api/login', body, undefined, signal);
  }

  /** POST /api/resume → a new token and im-server for a resume credential, without the password. */
  resume(credential: string, wish: SessionWish = {}, signal?: AbortSignal): Promise<LoginAnswer> {
    const { carrier, device, avoid } = wish;
    const body = { credential, carrier, ...deviceFields(device), avoid };
    return this.call<LoginAnswer>('resume', 'POST', '/api/resume', body, undefined, signal);
  }

  /** POST /api/logout: the session ends and the im-server closes its connection. */
  async logout(token: string, signal?: AbortSignal): Promise<void> {
    await this.call<void>('logout', 'POST', '/api/logout', undefined, token, signal);
  }

  /** GET /api/online-users: one page, SCAN-style. */
  onlineUsers(token: string, cursor = '0', count = 100): Promise<OnlineUsersPage> {
    const query = new URLSearchParams({ cursor, count: String(count) });
    return this.call<OnlineUsersPage>('online-users', 'GET', `/api/online-users?${query}`, undefined, token);
  }

  /** GET /api/conversations: the caller's conversations, each with its last seq. */
  async conversations(token: string): Promise<{ conversation: string; lastSeq: number }[]> {
    const answer = await this.call<{ conversations: { conversation: string; lastSeq: number }[] }>(
      'conversations',
      'GET',
      '/api/conversations',
      undefined,
      token,
    );
    return answer.conversations;
  }

  private async call<T>(
    call: Call,
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    signal?: AbortSignal,
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      signal?.throwIfAborted();
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new GatewayUnreachableError(`${method} ${this.baseUrl}${path}: ${cause}`);
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
    const message = errorMessage(text) ?? response.statusText;
    const retryAfterMs = retryAfter(response.headers.get('retry-after'));
    if ((call === 'login' || call === 'resume') && response.status === 503 && retryAfterMs !== undefined)
      throw new GatewayBusyError(response.status, message, retryAfterMs);
    throw httpError(call, response.status, message);
  }
}

function deviceFields(device: Device | undefined): { deviceId?: string; deviceKind?: string } {
  return device ? { deviceId: device.id, deviceKind: device.kind } : {};
}

function httpError(call: Call, status: number, message: string): CimHttpError {
  if (call === 'register' && status === 409) return new NameTakenError(status, message);
  if (call === 'login' || call === 'resume') {
    if (status === 401)
      return call === 'login'
        ? new InvalidCredentialsError(status, message)
        : new ResumeRejectedError(status, message);
    if (status === 409) return new DuplicateLoginError(status, message);
    if (status === 503) return new NoServerError(status, message);
  }
  return new CimHttpError(status, `${status}: ${message}`);
}

/** A Retry-After in seconds, in ms; undefined when absent or not a number of seconds. */
function retryAfter(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}

/** The `message` of the gateway's `{ statusCode, error, message }` answers. */
function errorMessage(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: fall back to the status text
  }
  return text || undefined;
}
