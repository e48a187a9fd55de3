/** The transport id of the client listener: handlers naming it never see the route-gateway's TCP calls. */
export const CIM_CLIENT_TRANSPORT = Symbol('CIM_CLIENT_TRANSPORT');

/** Patterns the client transport dispatches: one per frame kind it accepts, plus connection events. */
export const ClientPatterns = {
  Login: 'login',
  Ping: 'ping',
  Send: 'send',
  DeliveryAck: 'deliveryAck',
  Sync: 'sync',
  MarkRead: 'markRead',
  /** Event: a connection ended (any cause). */
  Closed: 'connection.closed',
} as const;
