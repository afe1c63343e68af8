/**
 * What a new user does after `npm start`: the process serves, prints a one-time admin
 * credential, and the seed's curl flow works against it over real HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';

let t: TestRuntime;
let child: ChildProcess;
let output = '';
let base = '';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

beforeAll(async () => {
  t = await createTestRuntime();
  const db = t.config.database;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [join(import.meta.dirname, '../../../bin/parley.mjs'), 'serve'], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', PARLEY_DATA_DIR: t.config.dataDir,
      DATABASE_URL: db.dialect === 'postgres' ? db.url : `sqlite:${db.file}`, LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c) => { output += c; });
  child.stderr!.on('data', (c) => { output += c; });
  for (let i = 0; i < 200 && !output.includes('Parley is serving'); i++) await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGTERM');
  await t.cleanup();
});

describe('parley serve', () => {
  it('starts, prints the first admin credential, and serves the seed flow', async () => {
    expect(output).toContain('Parley is serving');
    const password = /password: (\S+)/.exec(output)?.[1];
    const email = /email: +(\S+)/.exec(output)?.[1];
    expect(password).toBeTruthy();
    const post = (path: string, body: unknown, token?: string) => fetch(`${base}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: JSON.stringify(body),
    });
    const tokens = await (await post('/tickets/api/auth/token/', { email, password })).json();
    const created = await post('/tickets/api/tickets/', {
      subject: 'Error al crear sitio web', department: 1, priority: 'high',
      messages: [{ body: 'Al intentar crear un nuevo sitio web desde el panel de hosting, recibo un error 500.', message_type: 'reply' }],
    }, tokens.access);
    expect(created.status).toBe(201);
    const ticket = await created.json();
    expect(ticket).toMatchObject({ number: 'TK-000001', status: 'new', department: { name: 'Soporte Técnico' } });
    const reply = await post(`/tickets/api/tickets/${ticket.id}/reply/`, { body: 'He probado los pasos.', message_type: 'reply' }, tokens.access);
    expect(reply.status).toBe(201);
    const found = await (await fetch(`${base}/tickets/api/tickets/?search=TK-000001`, { headers: { authorization: `Bearer ${tokens.access}` } })).json();
    expect(found.results.map((r: { id: string }) => r.id)).toEqual([ticket.id]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
