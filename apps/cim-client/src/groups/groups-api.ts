import { gatewayCall } from '../gateway/gateway-call';

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

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return gatewayCall(this.gatewayUrl(), this.token(), method, path, body);
  }
}
