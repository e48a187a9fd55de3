/**
 * Where the Redis session store keeps things; every key starts with the store's prefix {p} (default
 * 'cim:'), then a hash tag naming the entity that owns it, so that Redis Cluster keeps an entity's keys
 * in one slot and spreads the entities over the masters. A script only ever touches keys of one tag.
 *
 *   {p}{u:<id>}:user                 hash    id, name, passwordHash, createdAt
 *   {p}{u:<id>}:routes               hash    device id → route JSON (online), or '<until>|<JSON>' (pending)
 *   {p}{u:<id>}:inbox                list    StoredMessage JSON, oldest first; PEXPIRE'd on each write
 *   {p}{u:<id>}:unacked              hash    messageId → StoredMessage JSON handed over but not acked yet
 *   {p}{u:<id>}:dedup:<clientMsgId>  string  the message id (then '<id> done'); expires after the window
 *   {p}{u:<id>}:sends:<session>      hash    a sending session's window: seq → message id, and 'floor'
 *   {p}{c:<conversation>}:seq        string  INCR counter of the conversation's sequence
 *   {p}{c:<conversation>}:history    hash    messageId → StoredMessage JSON, the kept history
 *   {p}{c:<conversation>}:order      zset    messageId scored by seq: the history in order
 *   {p}{u:<id>}:conversations        zset    the user's private conversations scored by last sentAt
 *   {p}{s:<serverId>}:users          set     ids of the users whose online route points at the server
 *   {p}servers                       set     ids of the servers that have (or had) a user set
 *   {p}{name:<name>}                 string  the id of the user with that name
 *   {p}{ids}:user-next-id            string  INCR counter; the last user id handed out (seeded by userIdSeed)
 *   {p}{store}:epoch                 string  the store's epoch, written once (store-epoch/redis-store-marker.ts)
 *   {p}{ids}:node-id:<n>             string  the token of the process leasing message-id node id n
 *   {p}{u:<id>}:resume-gen           string  INCR counter: the user's resume generation (absent: 0)
 *   {p}{s:<id>}:run:<incarnation>    string  an im-server run's lease; PX, renewed by the run (server-runs.ts)
 *   {p}{s:<id>}:run-ended:<incarnation>  string  set (PX) by the sweep that ended the run: renewals fail
 *   {p}{runs}                        hash    JSON [serverId, incarnation] → 1: the runs that may hold routes
 *
 * The same prefix and tags hold the groups' keys (src/groups/group-keys.ts) and the read state's
 * (src/read-state/read-state-keys.ts: {p}{u:<id>}:read, {p}{c:<conversation>}:read).
 *
 * See libs/session-store/README.md for what each step writes and in which order.
 */
export class RedisKeys {
  readonly nextUserId: string;
  readonly servers: string;
  readonly serverRuns: string;

  constructor(readonly prefix: string) {
    if (/[{}]/.test(prefix)) throw new RangeError(`the key prefix must not contain braces: "${prefix}"`);
    this.nextUserId = `${prefix}{ids}:user-next-id`;
    this.servers = `${prefix}servers`;
    this.serverRuns = `${prefix}{runs}`;
  }

  user(id: string): string {
    return `${this.prefix}{u:${id}}:user`;
  }

  userName(name: string): string {
    return `${this.prefix}{name:${name}}`;
  }

  /** The routes of the user's devices; the hash expires when it holds only pending ones. */
  routes(userId: string): string {
    return `${this.prefix}{u:${userId}}:routes`;
  }

  inbox(userId: string): string {
    return `${this.prefix}{u:${userId}}:inbox`;
  }

  unacked(userId: string): string {
    return `${this.prefix}{u:${userId}}:unacked`;
  }

  resumeGeneration(userId: string): string {
    return `${this.prefix}{u:${userId}}:resume-gen`;
  }

  clientMessage(senderId: string, clientMessageId: string): string {
    return `${this.prefix}{u:${senderId}}:dedup:${clientMessageId}`;
  }

  /** A sending session's window of accepted seqs (send-window/send-window-scripts.ts). */
  sendWindow(senderId: string, session: string): string {
    return `${this.prefix}{u:${senderId}}:sends:${session}`;
  }

  serverUsers(serverId: string): string {
    return `${this.prefix}{s:${serverId}}:users`;
  }

  /** An im-server run's lease, under the server's hash tag. */
  serverRun(serverId: string, incarnation: string): string {
    return `${this.prefix}{s:${serverId}}:run:${incarnation}`;
  }

  /** Set by the sweep that releases a run whose lease lapsed: a renewal then answers false. */
  serverRunEnded(serverId: string, incarnation: string): string {
    return `${this.prefix}{s:${serverId}}:run-ended:${incarnation}`;
  }

  sequence(conversation: string): string {
    return `${this.prefix}{c:${conversation}}:seq`;
  }

  history(conversation: string): string {
    return `${this.prefix}{c:${conversation}}:history`;
  }

  historyOrder(conversation: string): string {
    return `${this.prefix}{c:${conversation}}:order`;
  }

  userConversations(userId: string): string {
    return `${this.prefix}{u:${userId}}:conversations`;
  }

  nodeId(id: number): string {
    return `${this.prefix}{ids}:node-id:${id}`;
  }
}
