/** A user an idle-client host logs in: created beforehand with the password the host is given. */
export interface IdleUser {
  name: string;
  userId: string;
}

/** The parent → an idle-client host (idle-clients-main); each command gets one reply. */
export type IdleCommand =
  | {
      type: 'start';
      gatewayUrl: string;
      password: string;
      users: IdleUser[];
      /** The source addresses of the clients' connections to the im-servers, used in turn. */
      localAddresses: string[];
      /** Logins under way at once. */
      concurrency: number;
    }
  | { type: 'status' }
  | { type: 'report' }
  | { type: 'close' };

/** Where the host's clients are: ready on which server, or in which other state. */
export interface IdleStatus {
  /** Ready clients by im-server id. */
  readyOn: Record<string, number>;
  /** The clients not ready, by state. */
  notReady: Record<string, number>;
  /** Ready clients whose session came from the password rather than the resume credential. */
  byPassword: number;
}

/** Per client, about its last loss of connection (clients that lost none are left out). */
export interface IdleReport {
  /** Loss to ready again, ms. */
  reconnectMs: number[];
  /** When each was ready again (ms since the Unix epoch). */
  backAt: number[];
  /** Attempts to log in again each needed. */
  attempts: number[];
}

export type IdleReply =
  | { type: 'started'; failed: number; firstError?: string }
  | ({ type: 'status' } & IdleStatus)
  | ({ type: 'report' } & IdleReport)
  | { type: 'closed' }
  | { type: 'error'; message: string };
