import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Locator, Page } from 'playwright-core';
import { SCREENSHOTS } from './browser';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WEB_PASSWORD = 'correct horse battery';

/** An axe-core finding of impact serious or critical: what it is and where. */
export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The web chat app in one browser tab, driven as a person would: by labels, roles and text. */
export class WebPage {
  constructor(readonly page: Page) {}

  /** Creates the account (or logs in) from the login screen and waits for the chat. */
  async signIn(name: string, how: 'Create account' | 'Log in' = 'Create account'): Promise<void> {
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('Password').fill(WEB_PASSWORD);
    await this.page.getByRole('button', { name: how }).click();
    const problem = this.page.getByRole('alert');
    await this.connection.or(problem).waitFor();
    if (await problem.isVisible()) throw new Error(`${how} as ${name}: ${await problem.innerText()}`);
  }

  get connection(): Locator {
    return this.page.locator('.connection');
  }

  /** connecting / connected / reconnecting / offline, as the page shows it. */
  state(): Promise<string | null> {
    return this.connection.getAttribute('data-state');
  }

  server(): Promise<string | null> {
    return this.connection.getAttribute('data-server');
  }

  get composer(): Locator {
    return this.page.locator('#composer-input');
  }

  /** Types into the message box and sends with Enter. */
  async say(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }

  /** The bodies of the messages shown in the open conversation. */
  bodies(): Promise<string[]> {
    return this.page.locator('.messages .body').allInnerTexts();
  }

  /** The conversation list's entry titled `title`. */
  conversation(title: string): Locator {
    return this.page.locator('.conversation-item').filter({
      has: this.page.locator('.item-title', { hasText: new RegExp(`^${title}$`) }),
    });
  }

  /** The unread count on the entry, 0 without a badge. */
  async unread(title: string): Promise<number> {
    const badge = this.conversation(title).locator('.badge');
    return (await badge.count()) ? Number(await badge.getAttribute('data-unread')) : 0;
  }

  async open(title: string): Promise<void> {
    await this.conversation(title).click();
    await this.page.locator('#conversation-title', { hasText: title }).waitFor();
  }

  title(): Promise<string> {
    return this.page.locator('#conversation-title').innerText();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(SCREENSHOTS, `web-${name}.png`) });
  }

  /** axe-core's serious and critical findings on the page as it is (WCAG 2.1 A and AA rules). */
  async accessibilityProblems(): Promise<Violation[]> {
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    if (!(await this.page.evaluate('typeof axe !== "undefined"'))) await this.page.evaluate(AXE);
    const violations = (await this.page.evaluate(`axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')) })))`)) as Violation[];
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }
}
