import { createServer, Socket } from 'node:net';

/**
 * Below the kernel's ephemeral range (ip_local_port_range starts at 32768): a port handed out here is
 * not also taken meanwhile as the local port of one of the many outgoing connections.
 */
export const PORT_RANGE = { from: 20000, to: 32000 };

/**
 * Jest runs suites in parallel worker processes, each picking ports for processes that bind them only
 * later: two workers (or two picks in one) could choose the same free port, and the second to bind
 * would fail with EADDRINUSE. So each worker picks from a slice of the range of its own (by
 * JEST_WORKER_ID; the parent process, which starts the shared services, has slice 0), and a process
 * never hands out the same port twice.
 */
const SLICES = 8;
const handedOut = new Set<number>();

function slice(): { from: number; to: number } {
  const size = Math.floor((PORT_RANGE.to - PORT_RANGE.from) / SLICES);
  const index = Number(process.env.JEST_WORKER_ID ?? 0) % SLICES;
  return { from: PORT_RANGE.from + index * size, to: PORT_RANGE.from + (index + 1) * size };
}

/** A TCP port nobody listens on right now, outside the ephemeral range and not handed out before. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const { from, to } = slice();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = from + Math.floor(Math.random() * (to - from));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canListen(port, host)) return port;
  }
  throw new Error(`no free port between ${from} and ${to}`);
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once something accepts connections on the port; rejects after the deadline. */
export async function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, host);
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Resolves once the URL answers 2xx; rejects after the deadline. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} was not ready within ${timeoutMs} ms`);
    await sleep(100);
  }
}
