import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';
import { freePort } from '@cim/local-cluster';
import { Browser, openBrowser, SCREENSHOTS } from './harness/browser';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { SDK_PASSWORD, SdkUser } from './harness/sdk-user';

const ROOT = join(__dirname, '..');
/** The browser bundle the build makes (scripts/build-browser.js). */
const BUNDLE = join(ROOT, 'dist', 'browser', 'cim-client-sdk.js');
const PAGE = join(__dirname, 'fixtures', 'sdk-page');
/** What a strict site serves its pages with: scripts of its own origin only, no inline script, no eval. */
const CSP = "script-src 'self'";
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * A page of its own origin, served under a strict CSP: the SDK page, its script and the bundle, and /api/*
 * passed on to the route-gateway (so that the page calls its own origin, as a web app served beside the
 * gateway would).
 */
async function servePage(port: number, gatewayUrl: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const html = { 'content-type': 'text/html', 'content-security-policy': CSP };
    const script = { 'content-type': 'text/javascript', 'content-security-policy': CSP };
    if (url === '/') return void response.writeHead(200, html).end(readFileSync(join(PAGE, 'index.html')));
    if (url === '/page.js')
      return void response.writeHead(200, script).end(readFileSync(join(PAGE, 'page.js')));
    if (url === '/cim-client-sdk.js') return void response.writeHead(200, script).end(readFileSync(BUNDLE));
    if (!url.startsWith('/api/')) return void response.writeHead(404).end();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization'])
        if (request.headers[name]) headers[name] = String(request.headers[name]);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const answer = await fetch(`${gatewayUrl}${url}`, { method: request.method, headers, body });
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'text/plain',
      });
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * The SDK's browser bundle in Debian's Chromium, on a page whose CSP allows no eval, over WebSocket,
 * chatting with a Node SDK client over TCP.
 */
describe('the SDK in a browser', () => {
  let cluster: Cluster;
  let browser: Browser;
  let page: { server: Server; origin: string };
  let node: SdkUser;

  beforeAll(async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    cluster = await Cluster.start({ servers: 1, serverEnv: { CIM_IM_WS_ORIGINS: origin } });
    page = await servePage(port, cluster.gatewayUrl);
    browser = await openBrowser({ width: 900, height: 600 });
    node = await new SdkUser(cluster.gatewayUrl, unique('node')).online();
  }, 120_000);

  afterAll(async () => {
    await node?.client.close();
    await browser?.close();
    page?.server.close();
    await cluster?.stop();
  });

  it('logs in over WebSocket and chats with a Node client, privately and in the lobby, under a CSP without eval', async () => {
    const tab = await browser.context.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    await tab.goto(page.origin);
    const name = unique('web');
    const started = await tab.evaluate(
      ([n, p]) =>
        (globalThis as unknown as { startChat(n: string, p: string): Promise<unknown> }).startChat(n, p),
      [name, SDK_PASSWORD],
    );
    const { userId, server } = started as { userId: string; server: { carrier: string; url: string } };
    expect(server).toMatchObject({ carrier: 'websocket', url: expect.stringMatching(/^ws:\/\//) });
    await expect(tab.locator('#state').innerText()).resolves.toBe('ready');
    await node.client.sendPrivate(userId, 'hello browser, from node');
    await node.client.sendGroup('hello lobby, from node');
    const shown = tab.locator('#messages li');
    await eventually(async () =>
      expect(await shown.allInnerTexts()).toEqual([
        `${node.client.session!.name} (private): hello browser, from node`,
        `${node.client.session!.name} (group): hello lobby, from node`,
      ]),
    );
    await tab.evaluate(
      (to) =>
        (
          globalThis as unknown as { chat: { sendPrivate(t: string, b: string): Promise<unknown> } }
        ).chat.sendPrivate(to, 'hello node, from the browser'),
      node.userId,
    );
    await eventually(() => expect(node.bodies()).toContain('hello node, from the browser'));
    expect(node.messages.find((m) => m.body === 'hello node, from the browser')).toMatchObject({
      senderId: userId,
      senderName: name,
      kind: 'private',
    });
    await tab.screenshot({ path: join(SCREENSHOTS, 'sdk-browser.png') });
    expect(problems).toEqual([]);
  });
});
