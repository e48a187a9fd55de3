/**
 * Where the Redis group store keeps things; every key starts with the store's prefix {p} (default
 * 'cim:') and carries the hash tag of what owns it, so that each script touches one slot:
 *
 *   {p}{groups}:next-id          string  INCR counter; the last group id handed out (the first is 1)
 *   {p}{groups}:all              zset    group ids, scored by id: the admin's listing
 *   {p}{g:<id>}:info             hash    name, ownerId, createdAt
 *   {p}{g:<id>}:members          hash    userId → role (owner, admin, member)
 *   {p}{g:<id>}:online           hash    userId → JSON {deviceId: [serverId, sessionId]} of members online
 *   {p}{u:<id>}:groups           set     ids of the user's groups (checked against members on read)
 */
export class GroupKeys {
  readonly nextId: string;
  readonly all: string;

  constructor(readonly prefix: string) {
    this.nextId = `${prefix}{groups}:next-id`;
    this.all = `${prefix}{groups}:all`;
  }

  info(groupId: string): string {
    return `${this.prefix}{g:${groupId}}:info`;
  }

  members(groupId: string): string {
    return `${this.prefix}{g:${groupId}}:members`;
  }

  online(groupId: string): string {
    return `${this.prefix}{g:${groupId}}:online`;
  }

  userGroups(userId: string): string {
    return `${this.prefix}{u:${userId}}:groups`;
  }
}
