/** Where a SEND goes: one user, the lobby (everyone online), or a group with membership (its members). */
export interface SendTarget {
  receiverId?: string;
  group?: boolean;
  groupId?: string;
}

/** A logged-in user of the load generator, over whichever protocol. */
export interface LoadConnection {
  readonly userId: string;
  /** Where the user landed: an im-server id or a Socket.IO node. */
  readonly server: string;
  /** Called once per SEND when it is acknowledged (ok) or refused. */
  onSendDone: (ok: boolean) => void;
  send(clientMsgId: string, target: SendTarget, body: string): void;
  close(): void;
}
