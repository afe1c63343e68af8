import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { insertPasswordReset } from '../../domain/auth/password-resets.repo.ts';
import { hashToken, randomToken } from '../../domain/auth/secrets.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

describe('GET /tickets/reset-password/', () => {
  it('serves an accessible form under a strict CSP, with no inline script or style', async () => {
    const res = await app.inject({ method: 'GET', url: '/tickets/reset-password/?token=abc&tenant=default' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'self';/);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers).toMatchObject({ 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    const html = res.body;
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<label for="password">New password<\/label>/);
    expect(html).toMatch(/<input id="password" name="password" type="password" autocomplete="new-password" required/);
    expect(html).toMatch(/<label for="confirm">/);
    expect(html).toMatch(/role="status"/);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/tickets/reset-password/reset-password.js" defer>']);
    expect(html).not.toMatch(/<style|\sstyle=|\son\w+=/i);
    expect(html).not.toContain('abc'); // the token is never echoed into the page
  });

  it('serves its script from the same module', async () => {
    const res = await app.inject({ method: 'GET', url: '/tickets/reset-password/reset-password.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.body).toContain("fetch('/tickets/api/auth/password-reset/confirm/'");
  });

  it('is what the mail links to, and the call the script makes sets the password', async () => {
    const token = randomToken(32);
    await insertPasswordReset(t.rt.db, w.tenantId, w.customer.user.id, hashToken(token), new Date(Date.now() + 60_000).toISOString());
    const page = await app.inject({ method: 'GET', url: `/tickets/reset-password/?token=${token}&tenant=default` });
    expect(page.statusCode).toBe(200);
    const set = await api(app).post('/tickets/api/auth/password-reset/confirm/', { token, password: 'from the reset page', tenant: 'default' });
    expect(set.status).toBe(204);
    expect((await api(app).post('/tickets/api/auth/token/', { email: w.customer.user.email, password: 'from the reset page' })).status).toBe(200);
  });
});
