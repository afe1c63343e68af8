/**
 * `npm run bench:web`: the web app's figures in Debian's Chromium against issue 10's
 * targets. Builds the app (web/e2e/built-web-app.ts), serves it with the real server on a
 * database of 1M seeded tickets (bench/lib/seed.ts, kept under /tmp/parley-bench/ or in
 * the PostgreSQL database parley_bench and reused while the seed's version matches), and
 * measures:
 *   - gzipped JavaScript of a first load, agent workspace and customer portal;
 *   - navigation → 50 rows shown and the first one clickable, for several list views;
 *   - opening a ticket from the list with a warm cache, until its first message shows.
 * Each timing is the median and p95 of --runs runs.
 *
 *   npm run bench:web -- [--db sqlite|postgres] [--tickets 1m] [--runs 7]   (PARLEY_BENCH_DB=postgres works too)
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../src/config.ts';
import { startTokenFamily } from '../src/domain/auth/token-pairs.ts';
import { buildApp } from '../src/http/app.ts';
import { createRuntime } from '../src/runtime.ts';
import { launchChromium } from '../test/helpers/browser.ts';
import { builtWebApp } from '../web/e2e/built-web-app.ts';
import { prepareTarget } from './lib/bench-database.ts';
import { fmt, seed } from './lib/seed.ts';
import { Vocabulary } from './lib/vocabulary.ts';
import { WEB_BENCH_PASSWORD, webBenchUsers } from './lib/web-bench-users.ts';

const TARGETS = { agentJsKb: 300, listMs: 1000, openMs: 300 };
const log = (line: string) => console.log(line);
const quiet = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => {
  if (level === 'error') console.error(JSON.stringify({ level, msg, ...data }));
};
/** The list's rows and each row's link; the thread's messages. */
const ROWS = 'main table tbody tr';
const ROW_LINK = 'main table tbody tr a';
const MESSAGE = 'main article';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    db: { type: 'string', default: process.env.PARLEY_BENCH_DB ?? 'sqlite' },
    tickets: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '7' },
  } });
  const db = values.db === 'postgres' ? 'postgres' : 'sqlite';
  const tickets = Number(values.tickets!.replace(/m$/i, '000000').replace(/k$/i, '000').replace(/[,_]/g, ''));
  const runs = Math.max(2, Number(values.runs));

  const web = await builtWebApp();
  log(web.built ? `web app built in ${(web.ms / 1000).toFixed(1)} s: ${web.dir}` : `web app already built: ${web.dir}`);
  const target = await prepareTarget({ tickets, db, databaseUrl: undefined, keep: true, durationS: 0, concurrency: 0, explain: false, only: [], automation: false, workerProcess: false, noJobs: false, jobShare: undefined, statements: false });
  const env = {
    NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent',
    PARLEY_DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl, PARLEY_WEB_DIR: web.dir,
    PARLEY_SECRET_KEY: randomBytes(32).toString('base64url'), PARLEY_API_RATE_LIMIT: '0', PARLEY_DEFAULT_LANGUAGE: 'es',
  };
  const config = loadConfig(env);
  if (!target.existing) {
    log(`seeding ${fmt(tickets)} tickets into ${target.description} (kept for the next run)`);
    // Rebuilding the indexes of 1M tickets takes longer than the server's statement timeout on a busy machine.
    const seeding = await createRuntime(loadConfig({ ...env, PARLEY_DB_STATEMENT_TIMEOUT_MS: '0', PARLEY_DB_QUERY_TIMEOUT_MS: '0' }), { log: quiet });
    try {
      await target.markSeeded({ tickets, seededBefore: await seed(seeding, tickets, log) });
    } finally {
      await seeding.close();
    }
  } else log(`reusing ${fmt(tickets)} seeded tickets in ${target.description}`);

  const rt = await createRuntime(config, { log: quiet });
  const app = await buildApp(rt, { logger: false });
  let browser: Browser | undefined;
  try {
    const users = await webBenchUsers(rt);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    const token = (await startTokenFamily(rt.systemCtx(rt.defaultTenantId), rt.jwt, users.agent)).access;
    const word = new Vocabulary(tickets).searchWords(0.008, 1)[0].word;
    const views = [
      { name: 'all (newest first)', query: '' },
      { name: 'unassigned', query: '?assignee=none' },
      { name: 'status open', query: '?status=open' },
      { name: 'status pending, priority high', query: '?status=pending&priority=high' },
      { name: `search "${word}"`, query: `?search=${encodeURIComponent(word)}` },
    ];
    const rows: string[][] = [];
    const verdicts: boolean[] = [];

    const agentState = await signedIn(browser, base, users.agent.email);
    const customerState = await signedIn(browser, base, users.customer.email);
    const agentJs = await firstLoadJs(browser, base, agentState);
    const portalJs = await firstLoadJs(browser, base, customerState);
    rows.push(['first load JS, agent workspace (gzip)', kb(agentJs.gzip), `≤ ${TARGETS.agentJsKb} KB`, pass(agentJs.gzip / 1024 <= TARGETS.agentJsKb, verdicts), `${agentJs.files} files, ${kb(agentJs.raw)} raw`]);
    rows.push(['first load JS, customer portal (gzip)', kb(portalJs.gzip), `< agent (${kb(agentJs.gzip)})`, pass(portalJs.gzip < agentJs.gzip, verdicts), `${portalJs.files} files, ${kb(portalJs.raw)} raw`]);

    const context = await browser.newContext({ storageState: agentState, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/tickets/`);
    await page.waitForSelector(ROW_LINK);
    for (const v of views) {
      const want = await expectedRows(base, token, v.query);
      const runsOf = [];
      for (let i = 0; i < runs; i++) runsOf.push(await listReady(page, `${base}/tickets/${v.query}`, want));
      const s = summary(runsOf.map((r) => r.ready));
      const sent = summary(runsOf.map((r) => r.listSent)).median;
      const api = summary(runsOf.map((r) => r.listMs)).median;
      rows.push([`list ${v.name}: ${want} rows interactive`, `${s.median} / ${s.p95} ms`, `≤ ${TARGETS.listMs} ms`, pass(s.p95 <= TARGETS.listMs, verdicts),
        `median / p95, page load with JS cached; list request sent at ${sent} ms, answered in ${api} ms (medians)`]);
    }
    const open = await openTickets(page, base, runs);
    rows.push(['open a ticket from the list (warm)', `${open.median} / ${open.p95} ms`, `≤ ${TARGETS.openMs} ms`, pass(open.p95 <= TARGETS.openMs, verdicts), `median / p95, click → first message shown; the API calls it made all answered by ${open.api} ms (median)`]);
    await context.close();

    log(`\n${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${fmt(tickets)} tickets, ${runs} runs each, Chromium ${browser.version()}\n`);
    log(table(['measure', 'measured', 'target', 'verdict', 'notes'], rows));
    log(`\n${verdicts.every(Boolean) ? 'all targets met' : `${verdicts.filter((x) => !x).length} target(s) missed`}`);
  } finally {
    await browser?.close();
    await app.close();
    await rt.close();
    await target.cleanup();
  }
}

/** How many rows the view's first page holds, asked of the API. */
async function expectedRows(base: string, token: string, query: string): Promise<number> {
  const res = await fetch(`${base}/tickets/api/tickets/${query || '?'}${query ? '&' : ''}limit=50`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json() as { results?: unknown[] };
  if (!res.ok || !body.results) throw new Error(`GET /tickets/api/tickets/${query}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return Math.min(50, body.results.length);
}

/** Signs in through the sign-in page; answers the cookies of the session. */
async function signedIn(browser: Browser, base: string, email: string): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/tickets/sign-in/`);
  await page.getByLabel(/^(Email|Correo)/).fill(email);
  await page.getByLabel(/^(Password|Contraseña)/).fill(WEB_BENCH_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.includes('sign-in'));
  await page.waitForSelector('main h1');
  const state = await context.storageState();
  await context.close();
  return state;
}

/** The JavaScript a signed-in first load fetches (empty cache), until the network is quiet: raw, and gzipped as served compressed. */
async function firstLoadJs(browser: Browser, base: string, state: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  const bodies: Array<Promise<Buffer>> = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(r.url())) bodies.push(r.body().catch(() => Buffer.alloc(0)));
  });
  await page.goto(`${base}/tickets/`, { waitUntil: 'networkidle' });
  await page.waitForSelector('main h1');
  const all = await Promise.all(bodies);
  await context.close();
  return { files: all.length, raw: all.reduce((n, b) => n + b.length, 0), gzip: all.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) };
}

/**
 * Loads the list at `url`: the ms from navigation start until `want` rows show and the
 * first link takes a click, and when the list's API request left and how long it took.
 */
async function listReady(page: Page, url: string, want: number): Promise<{ ready: number; listSent: number; listMs: number }> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(({ rows, link, want }) => {
    const a = document.querySelector<HTMLAnchorElement>(link);
    if (document.querySelectorAll(rows).length < want || !a) return null;
    const box = a.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + Math.min(5, box.width / 2), box.top + box.height / 2);
    return hit && (hit === a || a.contains(hit)) ? performance.now() : null;
  }, { rows: ROWS, link: ROW_LINK, want }, { polling: 'raf', timeout: 60_000 });
  const ready = Math.round(await handle.jsonValue() as number);
  const list = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource').find((r) => /\/tickets\/api\/tickets\/\?/.test(r.name)) as PerformanceResourceTiming | undefined;
    return e ? { listSent: Math.round(e.startTime), listMs: Math.round(e.responseEnd - e.startTime) } : { listSent: -1, listMs: -1 };
  });
  return { ready, ...list };
}

/** Opens ticket i of the list (after one unmeasured open), measures click → first message, goes back. */
async function openTickets(page: Page, base: string, runs: number) {
  await page.goto(`${base}/tickets/`);
  await page.waitForSelector(ROW_LINK);
  const times: number[] = [];
  const apiMs: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = await page.evaluate(({ link, i }) => {
      const a = document.querySelectorAll<HTMLAnchorElement>(link)[i];
      const t = performance.now();
      a.click();
      return t;
    }, { link: ROW_LINK, i });
    const shown = await page.waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : null), MESSAGE, { polling: 'raf', timeout: 30_000 });
    if (i > 0) {
      times.push(Math.round((await shown.jsonValue() as number) - started));
      apiMs.push(await page.evaluate((since) => {
        const calls = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.startTime >= since && r.name.includes('/tickets/api/'));
        return Math.round(Math.max(0, ...calls.map((r) => r.responseEnd)) - since);
      }, started));
    }
    await page.goBack();
    await page.waitForSelector(ROW_LINK);
  }
  return { ...summary(times), api: summary(apiMs).median };
}

function summary(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
function pass(ok: boolean, verdicts: boolean[]): string {
  verdicts.push(ok);
  return ok ? 'pass' : 'FAIL';
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
