/** Debian's Chromium driven by playwright-core (no browser download): the flags this machine needs. */
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from '../../src/http/app.ts';
import { createTestRuntime, type TestRuntime } from './test-runtime.ts';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A served app on a real port and a Chromium to drive it: the set-up every browser test shares. */
export interface BrowserTest { t: TestRuntime; app: FastifyInstance; browser: Browser; base: string }

export async function startBrowserTest(env: Record<string, string> = {}): Promise<BrowserTest> {
  const t = await createTestRuntime(env);
  const app = await buildApp(t.rt);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { t, app, base, browser: await launchChromium() };
}

export async function stopBrowserTest(s: Partial<BrowserTest>): Promise<void> {
  await s.browser?.close();
  await s.app?.close();
  await s.t?.cleanup();
}
