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

/** What the transport does with each connection a carrier accepted. */
export interface LinkEvents {
  data(chunk: Buffer): void;
  /** Once, however the connection ended. */
  close(): void;
}

export type AcceptLink = (link: ClientLink, reader: FrameReader) => LinkEvents;

/** A listener of one carrier: accepts connections and hands each to the transport. */
export interface ClientCarrier {
  readonly name: CarrierName;
  /** The port bound (useful when configured as 0). */
  readonly port: number;
  listen(accept: AcceptLink): Promise<void>;
  /** Stops accepting and destroys what is still open. */
  close(): Promise<void>;
}
