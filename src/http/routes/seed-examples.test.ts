/**
 * Seed 000's curl examples, run with the real curl against a listening server, word for
 * word but for the host (https://tu-dominio.com → this server) and the token.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let base: string;

/** Runs a curl command line of the seed (after its `curl`), returning the parsed JSON answer. */
async function curl(args: string[]): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- whatever JSON the server sent
  const line = args.map((a) => a.replace('https://tu-dominio.com', base).replace(/^Authorization: Bearer $/, `Authorization: Bearer ${w.customer.token}`));
  const { stdout } = await promisify(execFile)('curl', ['-sS', '--fail-with-body', ...line], { encoding: 'utf8' });
  return JSON.parse(stdout);
}

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  await t.rt.systemCtx(w.tenantId).db.insertInto('tags').values({ tenant_id: w.tenantId, id: 1, name: 'dns', slug: 'dns', created_at: new Date().toISOString() }).execute();
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => stopApiTest({ t, app }));

describe("seed 000's curl examples", () => {
  let id = '';
  let number = '';

  it('crear un ticket vía API', async () => {
    const res = await curl(['-X', 'POST', 'https://tu-dominio.com/tickets/api/tickets/', '-H', 'Authorization: Bearer ', '-H', 'Content-Type: application/json', '-d',
      '{ "subject": "Error al crear sitio web", "department": 1, "priority": "high", "messages": [ { "body": "Al intentar crear un nuevo sitio web desde el panel de hosting, recibo un error 500. Adjunto captura de pantalla del error. El dominio es ejemplo.com y el error ocurre al pulsar el botón Crear.", "message_type": "reply" } ] }']);
    expect(res).toMatchObject({ number: 'TK-000001', subject: 'Error al crear sitio web', status: 'new', priority: 'high', department: { name: 'Soporte Técnico' }, created_at: expect.any(String) });
    ({ id, number } = res);
  });

  it('ver detalle de un ticket', async () => {
    const res = await curl(['-X', 'GET', `https://tu-dominio.com/tickets/api/tickets/${id}/`, '-H', 'Authorization: Bearer ']);
    expect(res.messages[0].body).toContain('error 500');
  });

  it('responder a un ticket (añadir mensaje)', async () => {
    const res = await curl(['-X', 'POST', `https://tu-dominio.com/tickets/api/tickets/${id}/reply/`, '-H', 'Authorization: Bearer ', '-H', 'Content-Type: application/json', '-d',
      '{ "body": "He probado los pasos que indicas y el problema persiste. Adjunto los logs del servidor.", "message_type": "reply" }']);
    expect(res).toMatchObject({ message_type: 'reply', body: 'He probado los pasos que indicas y el problema persiste. Adjunto los logs del servidor.' });
  });

  it('adjuntar un archivo a un mensaje', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-curl-'));
    const file = join(dir, 'error.log');
    writeFileSync(file, '2026-02-08 10:30:00 ERROR 500 POST /hosting/sites\n');
    const res = await curl(['-X', 'POST', `https://tu-dominio.com/tickets/api/tickets/${id}/reply/`, '-H', 'Authorization: Bearer ', '-F', 'body=Adjunto los logs del servidor', '-F', `attachments=@${file}`]);
    expect(res.attachments).toMatchObject([{ filename: 'error.log', content_type: 'text/plain' }]);
  });

  it('filtrar tickets por estado y prioridad', async () => {
    await curl(['-X', 'PATCH', `https://tu-dominio.com/tickets/api/tickets/${id}/`, '-H', `Authorization: Bearer ${w.agent.token}`, '-H', 'Content-Type: application/json', '-d', '{"status": "open"}']);
    const res = await curl(['-X', 'GET', 'https://tu-dominio.com/tickets/api/tickets/?status=open&priority=high', '-H', 'Authorization: Bearer ']);
    expect(res.results.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it('buscar tickets por número', async () => {
    const res = await curl(['-X', 'GET', `https://tu-dominio.com/tickets/api/tickets/?search=${number}`, '-H', 'Authorization: Bearer ']);
    expect(res.results.map((r: { number: string }) => r.number)).toEqual(['TK-000001']);
  });

  it('listar departamentos disponibles', async () => {
    const res = await curl(['-X', 'GET', 'https://tu-dominio.com/tickets/api/departments/', '-H', 'Authorization: Bearer ']);
    expect(res[0]).toEqual({ id: 1, name: 'Soporte Técnico', slug: 'soporte-tecnico' });
  });

  it('listar etiquetas disponibles', async () => {
    const res = await curl(['-X', 'GET', 'https://tu-dominio.com/tickets/api/tags/', '-H', 'Authorization: Bearer ']);
    expect(res).toEqual([{ id: 1, name: 'dns', slug: 'dns' }]);
  });
});
