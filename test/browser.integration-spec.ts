import { join } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import { Browser, openBrowser, SCREENSHOTS } from './harness/browser';
import { ChatUser } from './harness/chat-user';
import { Cluster, TEST_ADMIN_KEY } from './harness/cluster';

/**
 * The Swagger UIs in a real browser (Debian's headless Chromium driven by playwright-core): authorize,
 * "Try it out", "Execute", and check the answer the page shows. Screenshots go to .tmp/screenshots/.
 */
describe('Swagger UI in a browser', () => {
  let cluster: Cluster;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 1 });
    await cluster.addAdmin();
    browser = await openBrowser({ width: 1280, height: 1000 });
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  /** Opens the Authorize dialog, fills the scheme's field, authorizes and closes the dialog. */
  async function authorize(page: Page, scheme: string, value: string): Promise<void> {
    await page.locator('button.authorize').first().click();
    const container = page
      .locator('.auth-container')
      .filter({ has: page.locator('h4', { hasText: scheme }) });
    await container.locator('input').first().fill(value);
    await container.locator('button.authorize').click();
    await container.locator('button', { hasText: 'Logout' }).waitFor();
    await container.locator('button.btn-done').click();
  }

  /** Expands an operation, presses "Try it out" and "Execute", and answers the status and body shown. */
  async function execute(page: Page, operationId: string): Promise<{ status: string; body: string }> {
    const operation = page.locator(`[id$="-${operationId}"]`);
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const response = operation.locator('.live-responses-table .response');
    await response.first().waitFor();
    const status = (await response.locator('.response-col_status').first().innerText()).trim();
    const body = await response.locator('.response-col_description pre').first().innerText();
    await response.first().scrollIntoViewIfNeeded();
    return { status, body };
  }

  it("lists the im-servers through the admin's Swagger UI with the API key", async () => {
    const page = await context.newPage();
    await page.goto(`${cluster.adminUrl}/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'cim admin' }).waitFor();
    await authorize(page, 'api-key', TEST_ADMIN_KEY);
    const { status, body } = await execute(page, 'ServersController_list');
    expect(status).toBe('200');
    expect(JSON.parse(body)).toEqual([expect.objectContaining({ id: 'im-1', reachable: true })]);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-swagger.png') });
    await page.close();
  });

  it("lists the online users through the route-gateway's Swagger UI with a bearer token", async () => {
    const user = await ChatUser.online(
      cluster.gatewayUrl,
      `browser_${Math.random().toString(36).slice(2, 8)}`,
    );
    const page = await context.newPage();
    await page.goto(`${cluster.gatewayUrl}/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'cim route-gateway' }).waitFor();
    await authorize(page, 'bearer', user.token);
    const { status, body } = await execute(page, 'PresenceController_list');
    expect(status).toBe('200');
    expect(JSON.parse(body).users).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: user.userId, name: user.name })]),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'gateway-swagger.png') });
    await page.close();
  });
});
