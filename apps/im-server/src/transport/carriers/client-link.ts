import { Frame } from '@cim/protocol';

/** The carriers clients reach an im-server by: one protocol, two ways of moving its frames. */
export type CarrierName = 'tcp' | 'websocket';

/**
 * One client's connection as the transport sees it, whatever carries it: frames are written as the
 * length-delimited bytes encodeFrame makes; what is read goes through the carrier's FrameReader.
 */
export interface ClientLink {
  readonly carrier: CarrierName;
  /** The peer's address, for logs. */
  readonly remote: string;
  readonly destroyed: boolean;
  /** Bytes written and not yet taken by the network: what a slow reader leaves behind. */
  readonly backlog: number;
  /** Writes one length-delimited frame (a carrier that frames by itself strips the prefix). */
  write(frame: Buffer): void;
  /** Holds writes back until uncork(), so that frames written in one tick leave together. */
  cork(): void;
  uncork(): void;
  /** Stops reading (a client that sends faster than its frames are handled), and resumes. */
  pause(): void;
  resume(): void;
  /** Closes once what was written is flushed. */
  end(): void;
  destroy(): void;
}

/** Turns what a carrier read into frames: a byte stream (TCP) or one frame per message (WebSocket). */
export interface FrameReader {
  /** Bytes held back: part of a frame, or whole frames not handed over while the connection is paused. */
  readonly buffered: number;
  /**
   * Calls onFrame for each whole frame so far; stops after a frame for which it answers false (push
   * again, an empty chunk will do, to go on). Throws a ProtocolError at the first bad frame.
   */
  push(chunk: Buffer, onFrame: (frame: Frame) => unknown): void;
}

/**
 * What the transport does with the connections a carrier accepts. One handler serves them all: the
 * carrier keeps what opened() answered beside its socket and hands it back with each event, so that
 * an idle connection costs no closures of its own.
 */
export interface LinkHandler<C = unknown> {
  opened(link: ClientLink, reader: FrameReader): C;
  data(connection: C, chunk: Buffer): void;
  /** Once, however the connection ended. */
  closed(connection: C): void;
}

/** A listener of one carrier: accepts connections and hands each to the transport. */
export interface ClientCarrier {
  readonly name: CarrierName;
  /** The port bound (useful when configured as 0). */
  readonly port: number;
  listen(handler: LinkHandler): Promise<void>;
  /** Stops accepting; what is open stays open (the transport closes its connections). */
  close(): Promise<void>;
}
