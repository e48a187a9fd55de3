import { DescriptorTable, FreedDescriptorGuard, zooKeeperPorts } from './freed-descriptor-guard';

/** Descriptors handed out as the kernel does (the lowest free one); some are sockets to a port. */
class FakeTable implements DescriptorTable {
  readonly open = new Map<number, string>();

  constructor(taken: number) {
    for (let fd = 0; fd < taken; fd++) this.open.set(fd, 'file');
  }

  /** What socket() or accept() would get now. */
  allocate(what: string): number {
    let fd = 0;
    while (this.open.has(fd)) fd++;
    this.open.set(fd, what);
    return fd;
  }

  socketsTo(ports: ReadonlySet<number>): number[] {
    return [...this.open].filter(([, what]) => [...ports].some((p) => what === `zk:${p}`)).map(([fd]) => fd);
  }

  isOpen(fd: number): boolean {
    return this.open.has(fd);
  }

  openPlaceholder(): number {
    return this.allocate('placeholder');
  }

  close(fd: number): void {
    this.open.delete(fd);
  }
}

describe('FreedDescriptorGuard', () => {
  it('keeps a dropped ZooKeeper socket’s descriptor from the next socket until the client connects again', () => {
    const table = new FakeTable(18);
    const zk = table.allocate('zk:2181');
    const guard = new FreedDescriptorGuard(new Set([2181]), table);
    guard.connected();

    table.close(zk); // the native client drops its connection, and says so
    guard.dropped();
    const accepted = table.allocate('client');
    expect(accepted).not.toBe(zk);
    expect(table.open.get(zk)).toBe('placeholder');

    table.allocate('zk:2181'); // it connects again, on another descriptor, and lets the old one go
    guard.connected();
    expect(table.isOpen(zk)).toBe(false);
  });

  it('lets go when the client ends, but not while another dropped session still holds the descriptor', () => {
    const table = new FakeTable(18);
    const [first, second] = [table.allocate('zk:2181'), table.allocate('zk:2181')];
    const a = new FreedDescriptorGuard(new Set([2181]), table);
    const b = new FreedDescriptorGuard(new Set([2181]), table);
    a.connected();
    b.connected();
    table.close(first);
    table.close(second);
    a.dropped();
    b.dropped();
    a.ended();
    expect([table.open.get(first), table.open.get(second)]).toEqual(['placeholder', 'placeholder']);
    b.ended();
    expect([table.isOpen(first), table.isOpen(second)]).toEqual([false, false]);
  });

  it('leaves a descriptor alone that something else took before the drop was told', () => {
    const table = new FakeTable(18);
    const zk = table.allocate('zk:2181');
    const guard = new FreedDescriptorGuard(new Set([2181]), table);
    guard.connected();
    table.close(zk);
    table.allocate('client');
    guard.dropped();
    expect(table.open.get(zk)).toBe('client');
    expect([...table.open.values()]).not.toContain('placeholder');
  });

  it('reads the ports of a connect string', () => {
    expect(zooKeeperPorts('a:2181,b:2182/cim')).toEqual(new Set([2181, 2182]));
  });
});
