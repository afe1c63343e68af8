import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

const rawPost = (url: string, json: string) =>
  app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${w.agent.token}`, 'content-type': 'application/json' }, payload: json });
const tagCount = async () => (await t.rt.db.selectFrom('tags').select('id').where('tenant_id', '=', w.tenantId).execute()).length;

describe('POST /tickets/api/tags/', () => {
  it('refuses a name with a lone surrogate with 422, every time, and stores nothing', async () => {
    const before = await tagCount();
    for (const name of ['a\\ud800', '\\udc00b', 'x\\ud800\\ud800']) {
      for (let i = 0; i < 2; i++) {
        const res = await rawPost('/tickets/api/tags/', `{"name":"${name}"}`);
        expect(res.statusCode).toBe(422);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().errors).toEqual([{ field: 'name', message: expect.stringContaining('lone surrogate') }]);
      }
    }
    expect(await tagCount()).toBe(before);
  });

  it('takes a name with a well-formed surrogate pair (an emoji)', async () => {
    const res = await rawPost('/tickets/api/tags/', '{"name":"urgente \\ud83d\\udd25"}');
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('urgente 🔥');
    expect((await rawPost('/tickets/api/tags/', '{"name":"urgente 🔥"}')).json().id).toBe(res.json().id);
  });

  it('gives every one of many simultaneous creations of one new tag that same tag, never a 500', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => api(app, w.agent.token).post('/tickets/api/tags/', { name: 'Carrera' })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers[0].body).toMatchObject({ name: 'carrera', slug: 'carrera' });
  });

  it('tags tickets created at the same time with one shared new tag', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => api(app, w.agent.token).post('/tickets/api/tickets/', {
      subject: `Paralelo ${i}`, requester: w.customer.user.email, tags: ['simultanea', `solo-${i}`], messages: [{ body: 'x' }],
    })));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const tags = (await api(app, w.agent.token).get('/tickets/api/tags/')).body as Array<{ name: string; ticket_count: number }>;
    expect(tags.find((x) => x.name === 'simultanea')?.ticket_count).toBe(6);
  });

  it('refuses customers and checks the body', async () => {
    expect((await api(app, w.customer.token).post('/tickets/api/tags/', { name: 'x' })).status).toBe(403);
    expect((await api(app, w.agent.token).post('/tickets/api/tags/', { name: '' })).status).toBe(422);
    expect((await api(app).post('/tickets/api/tags/', { name: 'x' })).status).toBe(401);
  });
});

describe('a lone surrogate anywhere in a JSON body', () => {
  it('is refused with 422 naming the field, on any route, before anything is written', async () => {
    const tickets = async () => (await t.rt.db.selectFrom('tickets').select('id').execute()).length;
    const before = await tickets();
    const res = await rawPost('/tickets/api/tickets/', '{"subject":"ok","messages":[{"body":"fine"},{"body":"bad \\udfff"}]}');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'messages.1.body', message: expect.any(String) }]);
    const key = await rawPost('/tickets/api/tickets/', '{"subject":"ok","messages":[{"body":"fine"}],"\\ud800":1}');
    expect(key.statusCode).toBe(422);
    expect(await tickets()).toBe(before);
  });

  it('leaves malformed JSON a 400 and a deeply nested body a 4xx', async () => {
    const bad = await rawPost('/tickets/api/tags/', '{"name":');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const deep = await rawPost('/tickets/api/tags/', `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(deep.statusCode).toBeGreaterThanOrEqual(400);
    expect(deep.statusCode).toBeLessThan(500);
  });
});
