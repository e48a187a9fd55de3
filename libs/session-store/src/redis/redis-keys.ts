/**
 * Where the Redis session store keeps things; every key starts with the store's prefix {p}
 * (default 'cim:'). See libs/session-store/README.md.
 *
 *   {p}user:next-id                      string  INCR counter; the last user id handed out (first is 10001)
 *   {p}user:{id}                         hash    id, name, passwordHash, createdAt
 *   {p}user-name:{name}                  string  the id of the user with that name
 *   {p}routes                            hash    userId → Route as compact JSON (the online set)
 *   {p}server-users:{serverId}           set     ids of the users whose route points at the server
 *   {p}pending-route:{userId}            string  Route JSON of a login not yet connected; PX the connect grace
 *   {p}inbox:{userId}                    list    StoredMessage JSON, oldest first; PEXPIRE'd on each write
 *   {p}unacked:{userId}                  hash    messageId → StoredMessage JSON handed over but not acked yet
 *   {p}seq:{conversation}                string  INCR counter of the conversation's sequence (PEXPIRE'd when given a TTL)
 *   {p}dedup:{senderId}:{clientMessageId} string  the message id; expires after the dedup window
 *   {p}node-id:{n}                       string  the token of the process leasing message-id node id n
 *   {p}{u:{userId}}:resume-gen           string  INCR counter: the user's resume generation (absent: 0)
 *
 * Some scripts build `{p}user:{id}`, `{p}server-users:{serverId}` and `{p}node-id:{n}` keys inside Lua
 * from a prefix in ARGV, so the store runs on one Redis node (or a Sentinel primary), not on Redis Cluster.
 */
export class RedisKeys {
  readonly nextUserId: string;
  readonly userPrefix: string;
  readonly routes: string;
  readonly serverUsersPrefix: string;
  readonly nodeIdPrefix: string;

  constructor(readonly prefix: string) {
    this.nextUserId = `${prefix}user:next-id`;
    this.userPrefix = `${prefix}user:`;
    this.routes = `${prefix}routes`;
    this.serverUsersPrefix = `${prefix}server-users:`;
    this.nodeIdPrefix = `${prefix}node-id:`;
  }

  user(id: string): string {
    return `${this.userPrefix}${id}`;
  }

  userName(name: string): string {
    return `${this.prefix}user-name:${name}`;
  }

  serverUsers(serverId: string): string {
    return `${this.serverUsersPrefix}${serverId}`;
  }

  pendingRoute(userId: string): string {
    return `${this.prefix}pending-route:${userId}`;
  }

  inbox(userId: string): string {
    return `${this.prefix}inbox:${userId}`;
  }

  unacked(userId: string): string {
    return `${this.prefix}unacked:${userId}`;
  }

  sequence(conversation: string): string {
    return `${this.prefix}seq:${conversation}`;
  }

  nodeId(id: number): string {
    return `${this.nodeIdPrefix}${id}`;
  }

  resumeGeneration(userId: string): string {
    return `${this.prefix}{u:${userId}}:resume-gen`;
  }

  clientMessage(senderId: string, clientMessageId: string): string {
    return `${this.prefix}dedup:${senderId}:${clientMessageId}`;
  }
}
