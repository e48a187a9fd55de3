/** A group as GET /api/groups lists it. */
export interface GroupSummary {
  id: string;
  name: string;
  ownerId: string;
  memberCount: number;
  role: 'owner' | 'admin' | 'member';
}

/** The route-gateway's groups endpoints, called with the login's bearer token. */
export class GroupsApi {
  constructor(
    private readonly gatewayUrl: () => string,
    private readonly token: () => string | undefined,
  ) {}

  async mine(): Promise<GroupSummary[]> {
    return (await this.call<{ groups: GroupSummary[] }>('GET', '/api/groups')).groups;
  }

  create(name: string, memberIds: string[]): Promise<GroupSummary> {
    return this.call('POST', '/api/groups', { name, memberIds });
  }

  async add(groupId: string, userIds: string[]): Promise<string[]> {
    return (await this.call<{ added: string[] }>('POST', `/api/groups/${groupId}/members`, { userIds }))
      .added;
  }

  async remove(groupId: string, userId: string): Promise<void> {
    await this.call('DELETE', `/api/groups/${groupId}/members/${userId}`);
  }

  async leave(groupId: string): Promise<void> {
    await this.call('POST', `/api/groups/${groupId}/leave`);
  }

  /** The answer's JSON; an error status rejects with the gateway's message. */
  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = this.token();
    if (!token) throw new Error('not logged in');
    const response = await fetch(`${this.gatewayUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : {};
    if (!response.ok) {
      const message = (parsed as { message?: string | string[] }).message;
      throw new Error(
        `${response.status}: ${Array.isArray(message) ? message.join('; ') : (message ?? text)}`,
      );
    }
    return parsed as T;
  }
}
