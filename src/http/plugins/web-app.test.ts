/** Serving the web app: files, history fallback, the API kept apart, and the headers that protect the pages. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { accessTokenFor } from '../../../test/helpers/world.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { buildApp } from '../app.ts';
import { WEB_APP_CSP } from './web-app.ts';

const INDEX = '<!doctype html><html><head><script type="module" src="/tickets/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';
let dir: string;
let t: TestRuntime;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-web-test-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log("app")');
  writeFileSync(join(dir, 'assets', 'index-AbC123.css'), 'body{margin:0}');
  t = await createTestRuntime({ PARLEY_WEB_DIR: dir });
  app = await buildApp(t.rt);
  const agent = await createUser(t.rt.systemCtx(t.rt.defaultTenantId), { email: 'agent@example.com', name: 'Alex Agent', role: 'agent' });
  token = await accessTokenFor(t.rt, agent);
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app under /tickets/', () => {
  it.each(['/tickets/', '/tickets', '/tickets/new/', '/tickets/sign-in/', '/tickets/3f1c2a9e-8d0b-4c55-9e2e-6a1b2c3d4e5f/', '/tickets/new/?x=1', '/tickets/a/b/c'])(
    'answers index.html for the page %s, never cached, under a strict CSP', async (url) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(WEB_APP_CSP);
      expect(WEB_APP_CSP).toMatch(/script-src 'self'(;|$)/);
      expect(WEB_APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
    });

  it('lets only images come from elsewhere (mail HTML, once asked); scripts, styles, frames and connections stay our own', () => {
    const directives = Object.fromEntries(WEB_APP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https:', 'http:']);
    for (const name of ['default-src', 'script-src', 'style-src', 'connect-src', 'font-src']) expect(directives[name], name).toEqual(["'self'"]);
    expect(directives['frame-src']).toBeUndefined(); // the mail frames are srcdoc: default-src 'self' needs no frame-src
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });

  it('serves hashed assets with a year of immutable cache and their type', async () => {
    const js = await app.inject({ method: 'GET', url: '/tickets/assets/index-AbC123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body).toBe('console.log("app")');
    const css = await app.inject({ method: 'GET', url: '/tickets/assets/index-AbC123.css' });
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('answers a missing or strange asset with a JSON 404, never index.html or a file outside assets/', async () => {
    for (const url of ['/tickets/assets/nope.js', '/tickets/assets/..%2Findex.html', '/tickets/assets/index.html', '/tickets/assets/%2e%2e%2f%2e%2e%2fpackage.json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
    }
  });

  it('keeps /tickets/api/** the API: an unknown path is a problem+json 404, and 401 without credentials', async () => {
    const known = await app.inject({ method: 'GET', url: '/tickets/api/me/', headers: { authorization: `Bearer ${token}` } });
    expect(known.json().email).toBe('agent@example.com');
    for (const url of ['/tickets/api/nope/', '/tickets/api/tickets/x/y/z/', '/tickets/api']) {
      const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.json().type).toBe('https://parley.dev/problems/not-found');
    }
    const anonymous = await app.inject({ method: 'GET', url: '/tickets/api/nope/' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('falls back only for GET and HEAD: other methods on a page path are a JSON 404', async () => {
    const head = await app.inject({ method: 'HEAD', url: '/tickets/new/' });
    expect(head.statusCode).toBe(200);
    const post = await app.inject({ method: 'POST', url: '/tickets/new/', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('leaves the other pages to their routes: the reset-password page, the API docs, the OpenAPI document', async () => {
    const reset = await app.inject({ method: 'GET', url: '/tickets/reset-password/' });
    expect(reset.statusCode).toBe(200);
    expect(reset.body).toContain('Choose a new password');
    const openapi = await app.inject({ method: 'GET', url: '/tickets/api/openapi.json' });
    expect(openapi.json().openapi).toMatch(/^3\./);
    const docs = await app.inject({ method: 'GET', url: '/tickets/api/docs/' });
    expect(docs.statusCode).toBeLessThan(400);
    expect(docs.body).not.toBe(INDEX);
  });

  it('sends / to the app', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/tickets/');
  });
});

describe('an install whose app was never built', () => {
  it('says how to build it, with a 503, and the API keeps working', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'parley-web-empty-'));
    const bare = await createTestRuntime({ PARLEY_WEB_DIR: empty });
    const bareApp = await buildApp(bare.rt);
    try {
      const res = await bareApp.inject({ method: 'GET', url: '/tickets/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build');
      expect(res.headers['content-security-policy']).toBe(WEB_APP_CSP);
      expect((await bareApp.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await bareApp.close();
      await bare.cleanup();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
