import { createServer } from 'node:net';
import { freePort, PORT_RANGE, waitForPort } from './ports';

describe('freePort', () => {
  it('hands out ports below the kernel ephemeral range that can be listened on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(PORT_RANGE.from);
    expect(port).toBeLessThan(PORT_RANGE.to);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('waitForPort', () => {
  it('resolves once something listens and rejects after the deadline when nothing does', async () => {
    const port = await freePort();
    await expect(waitForPort(port, 100)).rejects.toThrow(`nothing listened on 127.0.0.1:${port}`);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await expect(waitForPort(port, 1000)).resolves.toBeUndefined();
    await new Promise((resolve) => server.close(resolve));
  });
});
