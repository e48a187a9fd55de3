import { WatchedProcess } from '../cluster/proc';
import { CarrierName } from '../options';

export type SystemName = 'cim' | 'socketio';

/** Where load workers connect, as it travels to them. */
export type ConnectTarget =
  | { kind: 'cim'; gatewayUrls: string[]; password: string; carrier: CarrierName }
  | { kind: 'socketio'; urls: string[] };

/** A user of a workload; `node` places a Socket.IO user (cim's gateway places its own). */
export interface UserSpec {
  userId: string;
  name: string;
  node: number;
  /** Groups the user is a member of: Socket.IO joins their rooms at connect (cim keeps membership itself). */
  groups?: string[];
}

/** A system under test, started afresh for each workload. */
export interface SystemUnderTest {
  readonly name: SystemName;
  /** What its clients' connections run over (Socket.IO: always WebSocket). */
  readonly carrier: CarrierName;
  /** Starts its processes with `servers` connection-holding servers; `tag` names profiles and logs. */
  start(servers: number, tag: string): Promise<void>;
  /** Makes `count` users who can connect (cim: registered over HTTP). */
  users(count: number): Promise<UserSpec[]>;
  connectTarget(): ConnectTarget;
  /**
   * Makes a group of the owner and the members and answers its id: cim creates it over HTTP (membership
   * kept by the system); Socket.IO names a room, which users join at connect (UserSpec.groups).
   */
  createGroup(owner: UserSpec, members: UserSpec[]): Promise<string>;
  /** The connection-holding servers, in order. */
  servers(): WatchedProcess[];
  /** Every process of the system, for the CPU table. */
  processes(): WatchedProcess[];
  /** The ports of the Redis nodes that hold the system's state, when the bench may read them. */
  redisPorts?(): number[];
  stop(): Promise<void>;
}
