import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
/** Where the browser suites save their screenshots (looked at by a person). */
export const SCREENSHOTS = join(__dirname, '..', '..', '.tmp', 'screenshots');

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Debian's headless Chromium driven by playwright-core, with a profile of its own and none of the
 * background connections this machine's closed network would refuse.
 */
export async function openBrowser(viewport: { width: number; height: number }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'cim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Playwright waits 30 s for a page or an element by default; on a machine loaded many times over a
  // page's first load alone can take longer. A test still fails, later, when what it waits for never comes.
  context.setDefaultTimeout(90_000);
  context.setDefaultNavigationTimeout(90_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
