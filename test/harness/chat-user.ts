import { Login } from '@cim/protocol';
import { http } from './http';
import { RawClient } from './raw-client';

export const PASSWORD = 'correct horse battery';

export interface LoginAnswer {
  userId: string;
  name: string;
  token: string;
  expiresAt: number;
  server: { id: string; host: string; port: number };
}

/** A user driven through the real HTTP API and raw frames: register, login, connect, LOGIN. */
export class ChatUser {
  client?: RawClient;
  login?: LoginAnswer;

  constructor(
    readonly gatewayUrl: string,
    readonly name: string,
    public userId = '',
  ) {}

  static async online(gatewayUrl: string, name: string, login: Partial<Login> = {}): Promise<ChatUser> {
    const user = await ChatUser.registered(gatewayUrl, name);
    await user.connect(login);
    return user;
  }

  static async registered(gatewayUrl: string, name: string): Promise<ChatUser> {
    const answer = await http<{ userId: string }>('POST', `${gatewayUrl}/api/users`, {
      name,
      password: PASSWORD,
    });
    if (answer.status !== 201)
      throw new Error(`register ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return new ChatUser(gatewayUrl, name, answer.body.userId);
  }

  async httpLogin() {
    return http<LoginAnswer>('POST', `${this.gatewayUrl}/api/login`, { name: this.name, password: PASSWORD });
  }

  /** HTTP login, then a TCP connection to the server it names, then LOGIN; resolves on LOGIN_ACK. */
  async connect(login: Partial<Login> = {}): Promise<RawClient> {
    const answer = await this.httpLogin();
    if (answer.status !== 200)
      throw new Error(`login ${this.name}: ${answer.status} ${JSON.stringify(answer.body)}`);
    this.login = answer.body;
    const client = await RawClient.connect(answer.body.server.port, answer.body.server.host);
    client.send({ requestId: 1, login: { userId: this.userId, token: answer.body.token, ...login } });
    const ack = await client.next('loginAck', undefined).catch(async (error) => {
      throw new Error(`LOGIN of ${this.name}: ${error.message}; got ${JSON.stringify(client.frames)}`);
    });
    if (ack.loginAck!.userId !== this.userId) throw new Error('LOGIN_ACK for another user');
    this.client = client;
    return client;
  }

  get token(): string {
    return this.login!.token;
  }

  get serverId(): string {
    return this.login!.server.id;
  }

  sendPrivate(receiverId: string, body: string) {
    return http(
      'POST',
      `${this.gatewayUrl}/api/messages/private`,
      { userId: this.userId, receiverId, body },
      this.token,
    );
  }

  sendGroup(body: string) {
    return http('POST', `${this.gatewayUrl}/api/messages/group`, { userId: this.userId, body }, this.token);
  }

  logout() {
    return http('POST', `${this.gatewayUrl}/api/logout`, undefined, this.token);
  }
}
