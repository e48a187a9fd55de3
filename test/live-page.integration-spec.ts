import { join } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import { Browser, openBrowser, SCREENSHOTS } from './harness/browser';
import { ChatUser } from './harness/chat-user';
import { Cluster, TEST_ADMIN_KEY } from './harness/cluster';
import { http } from './harness/http';

/**
 * The admin's live page in a real browser (Debian's headless Chromium driven by playwright-core) on a
 * real cluster: the key form, then servers, connections and message rates updating while users chat.
 * Screenshots go to .tmp/screenshots/.
 */
describe('the live page in a browser', () => {
  let cluster: Cluster;
  let browser: Browser;
  let context: BrowserContext;
  const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    await cluster.addAdmin();
    browser = await openBrowser({ width: 1400, height: 1000 });
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  /** Opens the page, noting every Content-Security-Policy violation and script error. */
  async function open(): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${cluster.adminUrl}/api/admin/live`);
    return { page, problems };
  }

  it('is served with a Content-Security-Policy, holds no data, and its snapshot API needs the key', async () => {
    const page = await fetch(`${cluster.adminUrl}/api/admin/live`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).not.toContain('im-1');
    expect((await http('GET', `${cluster.adminUrl}/api/admin/live/snapshot`)).status).toBe(401);
    expect((await http('GET', `${cluster.adminUrl}/api/admin/live/assets/nothing.js`)).status).toBe(404);
  });

  it('refuses a wrong key and says so', async () => {
    const { page, problems } = await open();
    await page.fill('#key', 'not-the-key');
    await page.click('#key-form button[type=submit]');
    await page.locator('#key-error', { hasText: 'That key was refused.' }).waitFor();
    expect(await page.locator('#dashboard').isHidden()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'live-key-refused.png') });
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  });

  it('shows both im-servers, their connections and messages per second as users chat', async () => {
    const { page, problems } = await open();
    await page.fill('#key', TEST_ADMIN_KEY);
    await page.click('#key-form button[type=submit]');
    await page.locator('#servers tbody tr').nth(1).waitFor();
    expect(await page.locator('#servers tbody tr td:first-child').allInnerTexts()).toEqual(['im-1', 'im-2']);

    const users = await Promise.all(
      [1, 2, 3, 4].map((i) => ChatUser.online(cluster.gatewayUrl, unique(`live${i}`))),
    );
    await page.locator('#card-connections', { hasText: /^4$/ }).waitFor({ timeout: 15000 });
    // Keep messages flowing until the page shows a rate above zero.
    const chatting = (async () => {
      for (let i = 0; i < 60 && !page.isClosed(); i++) {
        await users[0].sendPrivate(users[1].userId, `hello ${i}`);
        await users[2].sendPrivate(users[3].userId, `hi ${i}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    // The page's Content-Security-Policy forbids eval, so wait on what it shows rather than on scripts.
    await page.locator('#card-out', { hasText: /^(?!0\.0$)\d+\.\d$/ }).waitFor({ timeout: 20000 });
    await page.locator('.charts canvas').nth(3).waitFor();
    await chatting;
    const connections = await page.locator('#servers tbody tr td:nth-child(4)').allInnerTexts();
    expect(connections.map(Number).reduce((a, b) => a + b, 0)).toBe(4);
    expect(await page.locator('#status').innerText()).toMatch(/^Updated /);
    await page.screenshot({ path: join(SCREENSHOTS, 'live-page.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
    await Promise.all(users.map((u) => u.logout()));
  });
});
