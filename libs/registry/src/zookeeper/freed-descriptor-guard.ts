import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** How many descriptors one grab may open while looking for the one it wants. */
const MAX_GRAB_STEPS = 64;

/** What a guard needs of the process: its open sockets to given ports, and descriptors to hold. */
export interface DescriptorTable {
  /** Descriptors of this process's TCP sockets whose remote port is one of these. */
  socketsTo(ports: ReadonlySet<number>): number[];
  isOpen(fd: number): boolean;
  /** Opens a placeholder (the lowest free descriptor, as the kernel hands them out). */
  openPlaceholder(): number;
  close(fd: number): void;
}

/** Which guards hold each descriptor, process-wide: several sessions may drop at once. */
const holders = new Map<number, Set<FreedDescriptorGuard>>();

/**
 * Keeps the descriptor of a native ZooKeeper client's dropped socket from being reused until that
 * client has let go of it.
 *
 * The native client (the `zookeeper` package) watches its socket with a libuv poll handle. When its
 * connection drops (a process frozen past its session timeout, a ZooKeeper restart), the C library
 * closes the socket at once, but the poll handle is closed only when the client next connects or ends,
 * and closing it takes whatever descriptor now has that number out of the event loop. A socket this
 * process accepted or opened meanwhile usually got that number (the kernel hands out the lowest free
 * one): it is never read again — a client connection that hears nothing, an RPC connection whose calls
 * all time out — while it still looks open. So from the drop until the client has connected again or
 * ended, the guard holds each freed descriptor with a placeholder (/dev/null).
 *
 * It cannot hold the socket of a connection attempt that timed out before connecting: the C library
 * closes it with no event, and the poll handle left on it is closed at the client's next try. A
 * descriptor reused meanwhile loses its epoll registration, and libuv aborts the process when that
 * descriptor's owner next changes what it waits for (docs/guarantees.md).
 */
export class FreedDescriptorGuard {
  private known: number[] = [];

  constructor(
    private readonly ports: ReadonlySet<number>,
    private readonly table: DescriptorTable = procDescriptorTable(),
  ) {}

  /** The client connected: notes its socket's descriptor, and lets go of what it held. */
  connected(): void {
    this.release();
    this.known = this.table.socketsTo(this.ports);
  }

  /** The client's connection dropped: holds each noted descriptor that is free now. */
  dropped(): void {
    for (const fd of this.known) {
      const holding = holders.get(fd);
      if (holding) holding.add(this);
      else if (!this.table.isOpen(fd) && this.grab(fd)) holders.set(fd, new Set([this]));
    }
  }

  /** The client ended: nothing of it is left to fear. */
  ended(): void {
    this.release();
    this.known = [];
  }

  private release(): void {
    for (const [fd, holding] of holders) {
      if (!holding.delete(this) || holding.size > 0) continue;
      holders.delete(fd);
      this.table.close(fd);
    }
  }

  /** Opens placeholders until one gets `fd`; closes those it opened below it. */
  private grab(fd: number): boolean {
    const below: number[] = [];
    let got = false;
    for (let step = 0; step < MAX_GRAB_STEPS; step++) {
      const placeholder = this.table.openPlaceholder();
      if (placeholder === fd) {
        got = true;
        break;
      }
      below.push(placeholder);
      if (placeholder > fd) break;
    }
    below.forEach((p) => this.table.close(p));
    return got;
  }
}

/** The ports of a ZooKeeper connect string (`host:port,host:port/chroot`). */
export function zooKeeperPorts(connect: string): Set<number> {
  const hosts = connect.split('/')[0].split(',');
  return new Set(hosts.map((h) => Number(h.slice(h.lastIndexOf(':') + 1)) || 2181));
}

/** The process's descriptors as Linux shows them in /proc; elsewhere it finds no socket to guard. */
export function procDescriptorTable(): DescriptorTable {
  return {
    socketsTo(ports) {
      try {
        const inodes = new Set<string>();
        for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
          for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
            const fields = line.trim().split(/\s+/);
            const remotePort = parseInt(fields[2]?.split(':')[1] ?? '', 16);
            if (ports.has(remotePort) && fields[9]) inodes.add(fields[9]);
          }
        }
        return readdirSync('/proc/self/fd')
          .map(Number)
          .filter((fd) => inodes.has(socketInode(fd) ?? ''));
      } catch {
        return [];
      }
    },
    isOpen(fd) {
      try {
        fstatSync(fd);
        return true;
      } catch {
        return false;
      }
    },
    openPlaceholder: () => openSync('/dev/null', 'r'),
    close: (fd) => closeSync(fd),
  };
}

function socketInode(fd: number): string | undefined {
  try {
    return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
  } catch {
    return undefined;
  }
}
