import { gzipSync } from 'node:zlib';
import { Page } from 'playwright-core';
import { Browser, openBrowser } from './harness/browser';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { http } from './harness/http';
import { SdkUser } from './harness/sdk-user';
import { WEB_PASSWORD, WebPage } from './harness/web-page';

/** A killed im-server's users are offline again (and may log in elsewhere) once its run's lease lapses. */
const LEASE_MS = '9000';
const FIRST_PAGE_JS_LIMIT = 150 * 1024;

/**
 * The web chat app (apps/web) as the route-gateway serves it, in Debian's headless Chromium: two browser
 * tabs and a Node SDK client (TCP) chat across two im-servers. What each sees is read from the page.
 * Screenshots go to .tmp/screenshots/web-*.png.
 */
describe('the web chat app in a browser', () => {
  let cluster: Cluster;
  let browser: Browser;
  let alice: WebPage;
  let bob: WebPage;
  let carol: SdkUser;
  const pageErrors: string[] = [];

  async function tab(viewport = { width: 1200, height: 760 }): Promise<WebPage> {
    const page: Page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on(
      'console',
      (m) => m.type() === 'error' && /Content.Security.Policy/i.test(m.text()) && pageErrors.push(m.text()),
    );
    await page.goto(cluster.gatewayUrl);
    return new WebPage(page);
  }

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 0 });
    // The page's origin is the gateway's: the im-servers let it open WebSockets.
    const serverEnv = { CIM_IM_WS_ORIGINS: cluster.gatewayUrl, CIM_SERVER_LEASE_MS: LEASE_MS };
    await cluster.addServer(serverEnv);
    await cluster.addServer(serverEnv);
    browser = await openBrowser({ width: 1200, height: 760 });
  }, 180_000);

  afterAll(async () => {
    await carol?.client.close();
    await browser?.close();
    await cluster?.stop();
  });

  it('serves the page with its CSP, the first page loading at most 150 KB of gzipped JavaScript', async () => {
    const page = await browser.context.newPage();
    const scripts: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        scripts.push(response.body().then((body) => gzipSync(body).length));
    });
    const answer = await page.goto(cluster.gatewayUrl);
    expect(page.url()).toBe(`${cluster.gatewayUrl}/app/`);
    expect(answer!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    const sizes = await Promise.all(scripts);
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(FIRST_PAGE_JS_LIMIT);
    expect(await new WebPage(page).accessibilityProblems()).toEqual([]);
    await new WebPage(page).screenshot('login');
    await page.close();
  });

  it('says why a login is refused, on the page', async () => {
    const stranger = await tab();
    await stranger.page.getByLabel('Name').fill('nobody_here');
    await stranger.page.getByLabel('Password').fill(WEB_PASSWORD);
    await stranger.page.getByRole('button', { name: 'Log in' }).click();
    await expect(stranger.page.getByRole('alert').innerText()).resolves.toBe('Wrong name or password.');
    await stranger.page.close();
  });

  it('chats in the lobby: two tabs on two im-servers and a terminal-side SDK client', async () => {
    alice = await tab();
    await alice.signIn('alice');
    bob = await tab();
    await bob.signIn('bob');
    carol = await new SdkUser(cluster.gatewayUrl, 'carol').online();
    await eventually(async () => expect(await alice.state()).toBe('connected'));
    await eventually(async () => expect(await bob.state()).toBe('connected'));
    expect(new Set([await alice.server(), await bob.server()])).toEqual(new Set(['im-1', 'im-2']));

    await alice.say('Hello everyone, alice here!');
    await eventually(async () => expect(await bob.bodies()).toContain('Hello everyone, alice here!'));
    await eventually(() => expect(carol.bodies()).toContain('Hello everyone, alice here!'));
    await carol.client.sendGroup('Hi both, carol from the terminal');
    await bob.say('Hey alice, hey carol');
    await eventually(async () =>
      expect(await alice.bodies()).toEqual([
        'Hello everyone, alice here!',
        'Hi both, carol from the terminal',
        'Hey alice, hey carol',
      ]),
    );
    await eventually(
      async () =>
        expect(await alice.page.locator('.online button').allInnerTexts()).toEqual(
          expect.arrayContaining([expect.stringContaining('bob'), expect.stringContaining('carol')]),
        ),
      20_000,
    );
    expect(await alice.accessibilityProblems()).toEqual([]);
    await alice.screenshot('lobby');
  });

  it('chats privately, with unread badges for what arrives elsewhere', async () => {
    await bob.page.locator('.online button', { hasText: 'alice' }).click();
    await expect(bob.title()).resolves.toBe('alice');
    await bob.say('Lunch at noon?');
    await carol.client.sendPrivate(await userId(alice), 'Can you review my change?');
    await eventually(async () => expect(await alice.unread('bob')).toBe(1));
    await eventually(async () => expect(await alice.unread('carol')).toBe(1));
    await alice.open('bob');
    await expect(alice.bodies()).resolves.toEqual(['Lunch at noon?']);
    expect(await alice.unread('bob')).toBe(0);
    await alice.say('Sure, see you there');
    await eventually(async () =>
      expect(await bob.bodies()).toEqual(['Lunch at noon?', 'Sure, see you there']),
    );
    await alice.open('carol');
    await alice.say('On it');
    await eventually(() => expect(carol.bodies()).toContain('On it'));
    expect(carol.messages.find((m) => m.body === 'On it')).toMatchObject({
      kind: 'private',
      senderName: 'alice',
    });
    await alice.open('bob');
    expect(await alice.accessibilityProblems()).toEqual([]);
    await alice.screenshot('private');
  });

  it('creates a group, adds a member, chats in it and lets a member leave', async () => {
    await eventually(
      async () => expect(await alice.page.locator('.online button').count()).toBeGreaterThanOrEqual(2),
      20_000,
    );
    await alice.page.getByText('New group').click();
    await alice.page.getByLabel('Group name').fill('weekend');
    await alice.page.locator('.new-group label.check', { hasText: 'bob' }).locator('input').check();
    await alice.page.getByRole('button', { name: 'Create group' }).click();
    await expect(
      alice.page.locator('#conversation-title', { hasText: 'weekend' }).waitFor(),
    ).resolves.toBeUndefined();

    await alice.page.getByText('Add members').click();
    await alice.page.locator('.add-members label.check', { hasText: 'carol' }).locator('input').check();
    await alice.page.getByRole('button', { name: 'Add', exact: true }).click();
    await eventually(async () =>
      expect(await alice.page.locator('.group-actions .note').innerText()).toBe('Added carol.'),
    );

    await alice.say('Hiking on Saturday?');
    await eventually(() => expect(carol.bodies()).toContain('Hiking on Saturday?'));
    const groupId = carol.messages.find((m) => m.body === 'Hiking on Saturday?')!.groupId!;
    await carol.client.sendToGroup(groupId, 'Count me in');
    await eventually(async () => expect(await bob.unread('weekend')).toBe(2), 20_000);
    await bob.open('weekend');
    await eventually(async () => expect(await bob.bodies()).toEqual(['Hiking on Saturday?', 'Count me in']));
    await bob.say('Me too!');
    await eventually(async () =>
      expect(await alice.bodies()).toEqual(['Hiking on Saturday?', 'Count me in', 'Me too!']),
    );
    expect(await alice.accessibilityProblems()).toEqual([]);
    await alice.screenshot('group');

    await bob.page.getByRole('button', { name: 'Leave group' }).click();
    await expect(
      bob.page.locator('#conversation-title', { hasText: 'Lobby' }).waitFor(),
    ).resolves.toBeUndefined();
    expect(await bob.conversation('weekend').count()).toBe(0);
    const group = await http<{ members: { userId: string }[] }>(
      'GET',
      `${cluster.gatewayUrl}/api/groups/${groupId}`,
      undefined,
      carol.client.accessToken,
    );
    expect(group.body.members.map((m) => m.userId).sort()).toEqual(
      [await userId(alice), carol.userId].sort(),
    );
  });

  it('reads older history as one scrolls up', async () => {
    for (let i = 1; i <= 70; i++) await carol.client.sendGroup(`history ${i}`);
    const dave = await tab();
    await dave.signIn('dave');
    await eventually(async () => expect((await dave.bodies()).slice(-1)).toEqual(['history 70']));
    const first = (await dave.bodies()).length;
    expect(first).toBeLessThan(70);
    const list = dave.page.locator('.messages');
    await eventually(async () => {
      await list.evaluate((element) => (element.scrollTop = 0));
      expect(await dave.bodies()).toContain('history 1');
    }, 20_000);
    const bodies = await dave.bodies();
    expect(bodies.filter((b) => b.startsWith('history '))).toEqual(
      Array.from({ length: 70 }, (_, i) => `history ${i + 1}`),
    );
    expect(bodies.slice(0, 3)).toEqual([
      'Hello everyone, alice here!',
      'Hi both, carol from the terminal',
      'Hey alice, hey carol',
    ]);
    await dave.page.close();
  });

  it('works on a phone-sized screen and with the keyboard alone', async () => {
    const phone = await tab({ width: 390, height: 780 });
    await phone.page.keyboard.press('Tab');
    await phone.page.keyboard.type('erin');
    await phone.page.keyboard.press('Tab');
    await phone.page.keyboard.type(WEB_PASSWORD);
    await phone.page.keyboard.press('Tab');
    await phone.page.keyboard.press('Tab');
    await phone.page.keyboard.press('Enter'); // Create account
    await phone.connection.waitFor();
    await expect(phone.page.locator('.sidebar').isVisible()).resolves.toBe(true);
    await expect(phone.page.locator('.conversation').isVisible()).resolves.toBe(false);
    expect(await phone.accessibilityProblems()).toEqual([]);
    await phone.screenshot('phone-list');

    // To the lobby's entry and into it, then to the message box, by Tab alone.
    await tabUntil(phone.page, "el?.getAttribute('data-conversation') === 'group'");
    await phone.page.keyboard.press('Enter');
    await expect(phone.page.locator('.conversation').isVisible()).resolves.toBe(true);
    await tabUntil(phone.page, "el?.id === 'composer-input'");
    await phone.page.keyboard.type('Typed on a phone, with the keyboard');
    await phone.page.keyboard.press('Enter');
    await eventually(async () => expect(await bob.bodies()).toContain('Typed on a phone, with the keyboard'));
    expect(await phone.accessibilityProblems()).toEqual([]);
    await phone.screenshot('phone-conversation');
    await phone.page.close();
  });

  it('keeps no token in localStorage: a reload asks to log in again', async () => {
    const storage = (await alice.page.evaluate(
      '({ local: Object.keys(localStorage), session: Object.values(sessionStorage) })',
    )) as { local: string[]; session: string[] };
    expect(storage.local).toEqual([]);
    for (const value of storage.session) expect(value).toMatch(/^web-[0-9a-f-]{36}$/);
  });

  // Last: it kills an im-server.
  it('shows "reconnecting" when its im-server is killed, comes back by itself, and misses nothing', async () => {
    await alice.open('Lobby');
    await alice.composer.fill('typed before the crash');
    const killed = (await alice.server())!;
    // The gateway is kept from alice's page until bob has written: what he writes is surely sent while
    // she is away (and the page shows "reconnecting" long enough to be seen).
    const away = '**/api/{login,resume}';
    await alice.page.route(away, (route) => route.abort('connectionrefused'));
    await cluster.servers.find((s) => s.env.CIM_SERVER_ID === killed)!.stop('SIGKILL');
    await eventually(async () => expect(await alice.state()).toBe('reconnecting'), 20_000);
    await expect(alice.connection.innerText()).resolves.toContain('Reconnecting');
    await alice.screenshot('reconnecting');

    await bob.open('Lobby');
    const accepted = () =>
      eventually(async () => expect(await bob.page.locator('.receipt').last().innerText()).toBe('Sent'));
    await bob.say('sent to the lobby while alice was away');
    await accepted();
    await bob.open('alice');
    await bob.say('sent privately while alice was away');
    await accepted();
    expect(await alice.state()).toBe('reconnecting');
    await alice.page.unroute(away);
    await eventually(async () => expect(await alice.state()).toBe('connected'), 60_000);
    expect(await alice.server()).not.toBe(killed);
    await eventually(async () =>
      expect(await alice.bodies()).toContain('sent to the lobby while alice was away'),
    );
    await expect(alice.composer.inputValue()).resolves.toBe('typed before the crash');
    await alice.composer.press('Enter');
    await bob.open('Lobby');
    await eventually(async () => expect(await bob.bodies()).toContain('typed before the crash'));
    await alice.open('bob');
    await eventually(async () =>
      expect(await alice.bodies()).toContain('sent privately while alice was away'),
    );
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

/** The user id the page is signed in as (the connection badge carries it). */
async function userId(page: WebPage): Promise<string> {
  return (await page.connection.getAttribute('data-user'))!;
}

/** Presses Tab until `focused` (an expression on `el`, the focused element) holds (at most 40 times). */
async function tabUntil(page: Page, focused: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(() => { const el = document.activeElement; return ${focused}; })()`)) return;
  }
  throw new Error(`Tab never reached the element where ${focused}`);
}
