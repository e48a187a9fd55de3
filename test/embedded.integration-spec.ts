import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MessageKind } from '@cim/protocol';
import { appMain, freePort, startChild, waitForHttp } from '@cim/local-cluster';
import { AppProcess, LOG_DIR } from './harness/app-process';
import { ChatUser } from './harness/chat-user';
import { openBrowser } from './harness/browser';
import { eventually } from './harness/eventually';
import { SdkUser } from './harness/sdk-user';
import { WebPage } from './harness/web-page';

/** Free ports for one embedded process, and the environment that puts it on them. */
async function embeddedEnv() {
  const [http, rpc, client, imRpc, imHttp, admin, gatewayInternal, adminInternal, ws] = await Promise.all(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map(() => freePort()),
  );
  return {
    urls: {
      gateway: `http://127.0.0.1:${http}`,
      admin: `http://127.0.0.1:${admin}`,
      adminInternal: `http://127.0.0.1:${adminInternal}`,
    },
    env: {
      CIM_GATEWAY_HTTP_PORT: String(http),
      CIM_GATEWAY_RPC_PORT: String(rpc),
      CIM_GATEWAY_INTERNAL_PORT: String(gatewayInternal),
      CIM_IM_CLIENT_PORT: String(client),
      CIM_IM_WS_PORT: String(ws),
      CIM_IM_RPC_PORT: String(imRpc),
      CIM_IM_HTTP_PORT: String(imHttp),
      CIM_ADMIN_HTTP_HOST: '127.0.0.1',
      CIM_ADMIN_HTTP_PORT: String(admin),
      CIM_ADMIN_INTERNAL_HOST: '127.0.0.1',
      CIM_ADMIN_INTERNAL_PORT: String(adminInternal),
      CIM_SERVER_ID: 'embedded-1',
      CIM_LOG_LEVEL: 'info',
    },
  };
}

/** What a process printed to its log file in LOG_DIR since `offset`. */
function printed(label: string, offset: number): string {
  const file = join(LOG_DIR, `${label}.log`);
  return existsSync(file) ? readFileSync(file).subarray(offset).toString('utf8') : '';
}

const logSize = (label: string) =>
  existsSync(join(LOG_DIR, `${label}.log`)) ? statSync(join(LOG_DIR, `${label}.log`)).size : 0;

/** The lines `npm start` prints for a person: the admin's address and the key to call it with. */
function banner(output: string) {
  const admin = /^ {2}admin +(http:\/\/\S+)/m.exec(output);
  const key = /x-api-key: (\S+) \(the development key\)/.exec(output);
  if (!admin || !key) throw new Error(`no admin address and key printed yet:\n${output}`);
  return { adminUrl: admin[1], key: key[1] };
}

/** `npm start`: the route-gateway, one im-server and the admin app in one process, in memory. */
describe('the embedded all-in-one process', () => {
  let process_: AppProcess;
  let url: string;
  let adminUrl: string;
  let offset: number;

  beforeAll(async () => {
    const { urls, env } = await embeddedEnv();
    url = urls.gateway;
    adminUrl = urls.admin;
    offset = logSize('embedded');
    // The admin starts last: once it is ready, so is the rest.
    process_ = new AppProcess('embedded', 'embedded', env, `${urls.adminInternal}/ready`);
    await process_.start();
  });

  afterAll(() => process_?.stop());

  it('runs with nothing installed: register, login, chat, offline inbox', async () => {
    const alice = await ChatUser.online(url, 'alice');
    const bob = await ChatUser.online(url, 'bob');
    expect(alice.serverId).toBe('embedded-1');
    await alice.sendGroup('hello from the embedded mode');
    const group = await bob.client!.next('messages');
    expect(group.messages!.messages[0]).toMatchObject({
      kind: MessageKind.Group,
      body: 'hello from the embedded mode',
    });
    const carol = await ChatUser.registered(url, 'carol');
    await bob.sendPrivate(carol.userId, 'while you were away');
    const client = await carol.connect();
    const inbox = await client.next('messages');
    expect(inbox.messages!.messages[0]).toMatchObject({
      kind: MessageKind.Offline,
      body: 'while you were away',
    });
  });

  it('prints the admin app’s address and key, and the admin answers with them about the same users', async () => {
    const printedBanner = await eventually(() => banner(printed('embedded', offset)));
    expect(printedBanner.adminUrl).toBe(adminUrl);
    const dave = await ChatUser.online(url, 'dave');
    const asked = (key: string) =>
      fetch(`${printedBanner.adminUrl}/api/admin/users/${dave.userId}`, { headers: { 'x-api-key': key } });
    const answer = await asked(printedBanner.key);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ name: 'dave', online: true, serverId: 'embedded-1' });
    expect((await asked('not-the-key')).status).toBe(401);
  });

  it('prints the web chat’s address, where a browser chats with a terminal-side client', async () => {
    const output = await eventually(() => {
      const line = /^ {2}web chat +(http:\/\/\S+)/m.exec(printed('embedded', offset));
      if (!line) throw new Error('no web chat address printed yet');
      return line[1];
    });
    expect(output).toBe(`${url}/app/`);
    const browser = await openBrowser({ width: 1000, height: 700 });
    try {
      const page = new WebPage(await browser.context.newPage());
      await page.page.goto(output);
      await page.signIn('frank');
      const terminal = await new SdkUser(url, 'grace').online();
      await page.say('hello from the browser');
      await eventually(() => expect(terminal.bodies()).toContain('hello from the browser'));
      await terminal.client.sendGroup('hello from the terminal');
      await eventually(async () => expect(await page.bodies()).toContain('hello from the terminal'));
      await terminal.client.close();
    } finally {
      await browser.close();
    }
  });

  it('logs JSON lines when its output is not a terminal', async () => {
    const logs = printed('embedded', offset)
      .split('\n')
      .filter((line) => line.startsWith('{') || line.startsWith('['));
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) expect(JSON.parse(line)).toMatchObject({ level: expect.any(String) });
  });

  it('stops cleanly on SIGTERM', async () => {
    expect([0, -1]).toContain(await process_.stop('SIGTERM'));
  });
});

describe('the embedded process on a terminal', () => {
  it('prints readable log lines, not JSON', async () => {
    const { urls, env } = await embeddedEnv();
    const label = 'embedded-tty';
    const offset = logSize(label);
    // script(1) gives the process a pseudo-terminal as its stdout.
    const child = await startChild(
      {
        label,
        command: 'script',
        args: ['-qec', `exec ${process.execPath} ${appMain('embedded')}`, '/dev/null'],
        env: { ...env, NODE_ENV: 'test' },
        logDir: LOG_DIR,
        appendLog: true,
      },
      () => waitForHttp(`${urls.adminInternal}/ready`, 20_000),
    );
    try {
      const output = await eventually(() => {
        const text = printed(label, offset);
        banner(text);
        return text;
      });
      const lines = output.split(/\r?\n/).filter((line) => line.trim());
      expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
      // [12:00:00.000] INFO: route-gateway [NestFactory]: Starting Nest application...
      expect(output).toMatch(
        /^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*: .*route-gateway .*Starting Nest application/m,
      );
    } finally {
      await child.stop(5000, 'SIGTERM');
    }
  });
});
