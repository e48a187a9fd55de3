import { Socket } from 'node:net';
import { encodeFrame, Frame, FrameDecoder, FrameKind } from '@cim/protocol';

/** A test client speaking raw frames to an im-server: what it received, and whether it was closed. */
export class RawClient {
  readonly frames: Frame[] = [];
  closed = false;
  private readonly decoder = new FrameDecoder(16 * 1024 * 1024);
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.decoder.push(chunk, (frame) => this.frames.push(frame));
      this.notify();
    });
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.once('error', reject);
      socket.connect(port, host, () => resolve(new RawClient(socket)));
    });
  }

  send(frame: Frame): void {
    this.socket.write(encodeFrame(frame));
  }

  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Waits for the first frame of that kind (optionally matching), received already or later. */
  async next(
    kind: FrameKind,
    match: (frame: Frame) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Frame> {
    let found: Frame | undefined;
    await this.until(
      () => !!(found = this.frames.find((f) => f[kind] && match(f))),
      timeoutMs,
      `a ${kind} frame`,
    );
    return found!;
  }

  /** Every message received so far, across MESSAGE frames. */
  messages() {
    return this.frames.flatMap((f) => f.messages?.messages ?? []);
  }

  async waitClosed(timeoutMs = 5000): Promise<void> {
    await this.until(() => this.closed, timeoutMs, 'the connection to close');
  }

  async until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Pings every intervalMs while open, as a real client does when it has nothing else to send. */
  keepAlive(intervalMs: number): void {
    const timer = setInterval(() => this.send({ ping: {} }), intervalMs);
    timer.unref();
    this.socket.once('close', () => clearInterval(timer));
  }

  close(): void {
    this.socket.destroy();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
