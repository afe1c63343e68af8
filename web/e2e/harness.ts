/**
 * What every browser test file shares: the app built once (built-web-app.ts), served by
 * the real server on a real port under its CSP, one Debian Chromium, pages whose page
 * errors and console errors are collected (a CSP refusal, a missing translation and a
 * failed request each log one), sign-in through the page, the API called as someone, and
 * screenshots checked by axe-core.
 *
 *   const h = webHarness();            // at the top of the file: registers beforeAll/afterAll
 *   const { page, problems } = await h.openPage();
 *   await h.signIn(page, 'agent@example.com');
 *   ...
 *   expect(problems).toEqual([]);
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { createUser } from '../../src/domain/users/create-user.ts';
import type { Role } from '../../src/db/schema.ts';
import type { CreateUserProps } from '../../src/domain/users/create-user.ts';
import { launchChromium } from '../../test/helpers/browser.ts';
import { createTestRuntime, testDialect, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import { accessTokenFor } from '../../test/helpers/world.ts';
import { seriousAxeViolations } from './axe.ts';
import { builtWebApp } from './built-web-app.ts';

export const PASSWORD = 'a good long password';
const SHOTS = fileURLToPath(new URL(`../../.test-results/screenshots/${testDialect}/`, import.meta.url));

export interface OpenedPage { context: BrowserContext; page: Page; problems: string[] }

export interface WebHarness {
  readonly t: TestRuntime;
  readonly app: FastifyInstance;
  /** http://127.0.0.1:<port> */
  readonly base: string;
  /** Creates a user with PASSWORD in the default tenant; answers its id and an API token for it. */
  user(email: string, name: string, role: Role, extra?: Omit<CreateUserProps, 'email' | 'name' | 'role' | 'password'>): Promise<{ id: string; token: string }>;
  /** Calls the API (path after /tickets/api) with a token; checks the status and answers the parsed body. */
  api(token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, payload: unknown, status: number): Promise<any>;
  /**
   * A fresh browser profile (its own cookies) in a locale. Page errors and console errors land
   * in `problems`, except those matching `allowConsole` (default: the 401 of the session probe
   * before sign-in; add the statuses a test provokes on purpose, e.g. /\b(401|422)\b/).
   */
  openPage(options?: { locale?: string; allowConsole?: RegExp; viewport?: { width: number; height: number } }): Promise<OpenedPage>;
  /** Goes to the sign-in page (when not there) and signs in with PASSWORD. */
  signIn(page: Page, email: string): Promise<void>;
  /** Keeps a full-page screenshot in .test-results/screenshots/<database>/<name>.png and checks the page with axe-core. */
  shot(page: Page, name: string): Promise<void>;
}

export function webHarness(env: Record<string, string> = {}): WebHarness {
  let t: TestRuntime | undefined;
  let app: FastifyInstance | undefined;
  let base = '';
  let browser: Browser | undefined;
  let launchError: unknown;

  beforeAll(async () => {
    const web = await builtWebApp();
    if (web.built) console.log(`web app built in ${web.ms} ms`);
    t = await createTestRuntime({ PARLEY_WEB_DIR: web.dir, ...env });
    app = await buildApp(t.rt);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium().catch((e: unknown) => { launchError = e; return undefined; });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} did not start`);
    return value;
  };

  return {
    get t() { return need(t, 'the test runtime'); },
    get app() { return need(app, 'the server'); },
    get base() { return base; },
    async user(email, name, role, extra = {}) {
      const rt = need(t, 'the test runtime').rt;
      const created = await createUser(rt.systemCtx(rt.defaultTenantId), { email, name, role, password: PASSWORD, ...extra });
      return { id: String(created.id), token: await accessTokenFor(rt, created) };
    },
    async api(token, method, path, payload, status) {
      const res = await need(app, 'the server').inject({ method, url: `/tickets/api${path}`, headers: { authorization: `Bearer ${token}` }, payload: payload as object | undefined });
      expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(status);
      return res.body ? res.json() : undefined;
    },
    async openPage(options = {}) {
      if (!browser) throw new Error(`Chromium did not start (set PARLEY_CHROMIUM, default /usr/bin/chromium): ${String(launchError)}`);
      const context = await browser.newContext({ locale: options.locale ?? 'en-US', viewport: options.viewport });
      const page = await context.newPage();
      const problems: string[] = [];
      const allow = options.allowConsole ?? /\b401\b/;
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error' && !allow.test(m.text())) problems.push(m.text()); });
      return { context, page, problems };
    },
    async signIn(page, email) {
      if (!/\/sign-in\/?/.test(page.url())) await page.goto(`${base}/tickets/sign-in/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.includes('/sign-in'));
    },
    async shot(page, name) {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      expect(await seriousAxeViolations(page), name).toEqual([]);
    },
  };
}
