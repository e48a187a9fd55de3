/**
 * Where the Redis read-state store keeps things; every key starts with the store's prefix {p} (default
 * 'cim:') and carries the hash tag of what owns it, so that each script touches one slot:
 *
 *   {p}{u:<id>}:read                hash  conversation → seq the user has read up to
 *   {p}{c:<conversation>}:read      zset  userId scored by seq: the readers of a group with membership
 */
export class ReadStateKeys {
  constructor(readonly prefix: string) {}

  pointers(userId: string): string {
    return `${this.prefix}{u:${userId}}:read`;
  }

  readers(conversation: string): string {
    return `${this.prefix}{c:${conversation}}:read`;
  }
}
