import { connect, Socket } from 'node:net';
import { encodeFrame, Frame, FrameDecoder } from '@cim/protocol';
import { FrameLink } from './frame-link';

/** The TCP carrier: varint32-prefixed frames on a byte stream, Nagle off. */
export function openTcpLink(
  host: string,
  port: number,
  timeoutMs: number,
  localAddress?: string,
): Promise<FrameLink> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, localAddress, timeout: timeoutMs }, () => {
      socket.setTimeout(0);
      socket.off('error', reject);
      resolve(new TcpLink(socket));
    });
    socket.once('error', reject);
    socket.once('timeout', () =>
      socket.destroy(new Error(`no TCP connection to ${host}:${port} within ${timeoutMs} ms`)),
    );
  });
}

class TcpLink implements FrameLink {
  onFrames: (frames: Frame[]) => void = () => undefined;
  onClose: (error?: Error) => void = () => undefined;
  private readonly decoder = new FrameDecoder(16 * 1024 * 1024);
  private error?: Error;

  constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    // An error is followed by 'close', which reports it.
    socket.on('error', (error) => (this.error ??= error));
    socket.on('close', () => this.onClose(this.error));
  }

  send(frame: Frame): void {
    this.socket.write(encodeFrame(frame));
  }

  close(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    const frames: Frame[] = [];
    try {
      this.decoder.push(chunk, (frame) => frames.push(frame));
    } catch (error) {
      this.socket.destroy(error as Error);
    }
    if (!frames.length) return;
    this.socket.cork();
    this.onFrames(frames);
    this.socket.uncork();
  }
}
