/**
 * The message patterns spoken over Nest's TCP transport between the route-gateway and the im-servers.
 * Payloads are in rpc-payloads.ts.
 */
export const GatewayPatterns = {
  /** im-server → gateway: a user's LOGIN was accepted; answers every message waiting for them. */
  SessionOpened: 'gateway.session.opened',
  /** im-server → gateway: a user's connection ended. */
  SessionClosed: 'gateway.session.closed',
  /** im-server → gateway: the DELIVERY_ACKs of one tick, from any number of users. */
  Acknowledge: 'gateway.delivery.ack',
  /** im-server → gateway: the SEND frames of one tick, from any number of clients, in one call. */
  SendBatch: 'gateway.message.send-batch',
  /** im-server → gateway: a client's SYNC; answers the conversation's messages after a seq. */
  Sync: 'gateway.conversation.sync',
  /** im-server → gateway: a client's MARK_READ; answers where the user's read pointer now stands. */
  MarkRead: 'gateway.conversation.mark-read',
  /** im-server → gateway: takes or renews the lease of this run of the server; answers whether it held. */
  ServerLease: 'gateway.server.lease',
  /** im-server → gateway: the session store's epoch (StoreEpochReply); a new one means the store was reset. */
  StoreEpoch: 'gateway.store.epoch',
} as const;

export const ImServerPatterns = {
  /** gateway → im-server: push messages to users connected there. */
  Deliver: 'im.deliver',
  /** gateway → im-server: close a user's connection with KICKED. */
  Kick: 'im.kick',
  /** gateway → im-server: whether a login session is connected there now. */
  SessionStatus: 'im.session.status',
  /** gateway → im-server: write a READ_STATE to these sessions of users connected there. */
  ReadState: 'im.read-state',
  /** gateway/admin → im-server: connection count, uptime, counters. */
  Stats: 'im.stats',
} as const;
