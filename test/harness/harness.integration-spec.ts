import { Socket } from 'node:net';

function send(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
    socket.connect(port, '127.0.0.1', () => socket.write(text));
  });
}

describe('test harness', () => {
  it('publishes a redis-server that answers PING', async () => {
    const port = Number(new URL(process.env.CIM_TEST_REDIS_URL!).port);
    expect(await send(port, 'PING\r\nQUIT\r\n')).toContain('+PONG');
  });

  it('publishes a ZooKeeper that answers ruok', async () => {
    const port = Number(process.env.CIM_TEST_ZK_CONNECT!.split(':')[1]);
    expect(await send(port, 'ruok')).toBe('imok');
  });
});
