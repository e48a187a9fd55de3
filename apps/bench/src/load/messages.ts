import { SparseHistogram } from '../stats/latency-histogram';
import { ConnectTarget, UserSpec } from '../workloads/system';

/**
 * A user who sends: to one receiver, to the lobby (`group`), or to a group with membership (`groupId`);
 * `window` SENDs wait for their ack at most.
 */
export interface SenderSpec {
  userId: string;
  receiverId?: string;
  group?: boolean;
  groupId?: string;
  window: number;
  /** Stops after this many SENDs (absent: runs until stopped). */
  count?: number;
}

/** The bench → a load worker; each command gets one reply. */
export type WorkerCommand =
  | {
      type: 'connect';
      target: ConnectTarget;
      users: UserSpec[];
      concurrency: number;
      /** Source addresses on loopback, used in turn (empty: the default). */
      localAddresses: string[];
    }
  | { type: 'drop' }
  | {
      type: 'resume';
      target: ConnectTarget;
      concurrency: number;
      localAddresses: string[];
    }
  | { type: 'start'; senders: SenderSpec[]; bodyBytes: number }
  | { type: 'mark' }
  | { type: 'progress' }
  | { type: 'stop' }
  | { type: 'close' };

/** Where each connected user landed (cim: the im-server id; Socket.IO: the node). */
export interface Placement {
  userId: string;
  server: string;
}

export interface WorkerReport {
  /** Messages received between mark and stop. */
  delivered: number;
  sent: number;
  acked: number;
  errors: number;
  firstError?: string;
  /** Numbered messages received (the sender's number in the body), each counted once. */
  unique: number;
  /** Receipts of a numbered message received before. */
  duplicates: number;
  latency: SparseHistogram;
}

export type WorkerReply =
  | { type: 'connect'; placed: Placement[]; failed: number; busy: number; firstError?: string }
  | { type: 'drop' }
  | { type: 'resume'; placed: Placement[]; failed: number; busy: number; firstError?: string }
  | { type: 'start' }
  | { type: 'mark' }
  | { type: 'progress'; report: Omit<WorkerReport, 'latency'> }
  | { type: 'stop'; report: WorkerReport }
  | { type: 'close' }
  | { type: 'error'; message: string };
