/**
 * Isolation, generated from the OpenAPI document and the route policy table: every
 * operation is called as every kind of actor (anonymous, another tenant's admin and
 * customer, another customer, an agent without the department, the requester, staff),
 * with path ids of the other tenant's rows, of rows the actor may not see, and of no
 * row at all. Nothing of a row the actor may not see may appear in any answer; every
 * denial of a row is the same answer as for a missing row; 401/403 only where the
 * table says so; and a denied write changes nothing (database rows and stored files).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { startApiTest, stopApiTest } from '../helpers/api-test.ts';
import { snapshotDatabase, snapshotDiff } from '../helpers/db-snapshot.ts';
import { listOperations, policyCoverage, type Operation } from '../helpers/openapi-operations.ts';
import { assertNone, fillPath, leaksIn, problemOf, send, type Answer, type Call } from '../helpers/security-call.ts';
import { ACTORS, buildSecurityWorld, type ActorName, type RowKind } from '../helpers/security-world.ts';
import { MISSING_IDS, routePolicy, type RoutePolicy } from './route-policy.ts';

const api = await startApiTest();
const s = await buildSecurityWorld(api.t.rt, api.w);
const doc = (await api.app.inject({ method: 'GET', url: '/tickets/api/openapi.json' })).json();
const operations = listOperations(doc);
afterAll(() => stopApiTest(api));

const roleOf = (a: ActorName) => (a === 'anonymous' ? null : a.endsWith('dmin') ? 'admin' : a.endsWith('gent') ? 'agent' : 'customer');
const INT_KINDS = new Set<RowKind>(['department', 'tag', 'job']);
const TABLE_OF: Partial<Record<RowKind, 'departments' | 'tags' | 'jobs'>> = { department: 'departments', tag: 'tags', job: 'jobs' };
const missingId = (kind: RowKind) => (INT_KINDS.has(kind) ? MISSING_IDS.int : MISSING_IDS.uuid);
const isWrite = (op: Operation) => op.method !== 'GET' && op.method !== 'HEAD';

/** The status a denied actor must get from this route (for any row it may not see). */
function expectedDenial(p: RoutePolicy, actor: ActorName): number {
  const role = roleOf(actor);
  if (!role) return p.auth === 'required' ? 401 : 404;
  const access = p.roles[role];
  return access === 'ok' ? 404 : access;
}

/** Rows of a kind an actor may not see and that its own tenant has no row with the same id. */
async function targetsFor(kind: RowKind, actor: ActorName): Promise<Array<{ key: string; id: string | number }>> {
  const rows = s.rows.filter((r) => r.kind === kind);
  if (actor === 'anonymous') return ['A', 'B'].map((t) => rows.find((r) => r.tenant === t)).filter((r) => !!r).map((r) => ({ key: r.key, id: r.id }));
  const own = s.tenantOf(actor)!;
  const out: Array<{ key: string; id: string | number }> = [];
  for (const r of rows.filter((x) => !x.seenBy.includes(actor))) {
    const table = TABLE_OF[kind];
    if (r.tenant !== own && table) {
      const clash = await s.rt.db.selectFrom(table).select('id').where('tenant_id', '=', s.tenantId(own)).where('id', '=', Number(r.id)).executeTakeFirst();
      if (clash) continue;
    }
    out.push({ key: r.key, id: r.id });
  }
  return out;
}

/** Runs one call, checking it leaks nothing and, when `unchanged`, that nothing changed. */
async function probe(c: Call, actor: ActorName, failures: string[], label: string, unchanged: boolean): Promise<Answer> {
  const before = unchanged ? await snapshotDatabase(s.rt) : null;
  const a = await send(api.app, c);
  if (a.status >= 500) failures.push(`${label}: ${a.status} ${a.raw.slice(0, 200)}`);
  const leaked = leaksIn(s.secretsFor(actor), c, a);
  if (leaked.length) failures.push(`${label}: leaks ${leaked.map((x) => keyOfSecret(x)).join(', ')}`);
  if (before) {
    const diff = snapshotDiff(before, await snapshotDatabase(s.rt));
    if (diff.length) failures.push(`${label}: a denied request changed ${diff.join(', ')}`);
  }
  return a;
}

const keyOfSecret = (x: string) => s.rows.find((r) => r.id === x || r.markers.includes(x))?.key ?? x;

function actorsOf(p: RoutePolicy): ActorName[] {
  return p.onlyActors ?? [...ACTORS];
}

describe('the route policy table', () => {
  it('has an entry for every operation in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(policyCoverage(operations, Object.keys(routePolicy)).missing).toEqual([]);
  });

  it('fails for a route added without an entry, from its first commit', async () => {
    const app = await buildApp(api.t.rt);
    app.get('/tickets/api/widgets/:id/', { schema: { tags: ['widgets'], summary: 'A route nobody wrote a policy for' } }, async () => ({}));
    const withNew = listOperations((await app.inject({ method: 'GET', url: '/tickets/api/openapi.json' })).json());
    await app.close();
    const before = new Set(policyCoverage(operations, Object.keys(routePolicy)).missing);
    expect(policyCoverage(withNew, Object.keys(routePolicy)).missing.filter((k) => !before.has(k))).toEqual(['GET /tickets/api/widgets/{id}/']);
  });

  it('has no entry for an operation that no longer exists', () => {
    expect(policyCoverage(operations, Object.keys(routePolicy)).stale).toEqual([]);
  });
});

for (const op of operations) {
  const p = routePolicy[op.key];
  if (!p) continue;
  const hasId = op.path.includes('{id}');
  describe(op.key, () => {
    for (const actor of actorsOf(p)) {
      it(`as ${actor}: denials are uniform, nothing leaks, denied writes change nothing`, async () => {
        const failures: string[] = [];
        const body = p.body?.(s);
        const role = roleOf(actor);
        const deniedOutright = role === null ? p.auth === 'required' : p.roles[role] !== 'ok';
        const token = s.token(actor);
        const bodies: Array<Pick<Call, 'json' | 'form'>> = isWrite(op) ? [{ json: body }, ...(p.multipart ? [{ form: p.multipart }] : [])] : [{}];

        if (hasId && p.row) {
          const expected = expectedDenial(p, actor);
          for (const b of bodies) {
            const kind = b.form ? 'multipart' : 'json';
            const ref = await probe({ method: op.method, url: fillPath(op.path, missingId(p.row)), token, ...b }, actor, failures, `missing id (${kind})`, isWrite(op));
            if (ref.status !== expected) failures.push(`missing id (${kind}): expected ${expected}, got ${problemOf(ref)}`);
            for (const t of await targetsFor(p.row, actor)) {
              const a = await probe({ method: op.method, url: fillPath(op.path, t.id), token, ...b }, actor, failures, `${t.key} (${kind})`, isWrite(op));
              if (problemOf(a) !== problemOf(ref)) failures.push(`${t.key} (${kind}): answered ${problemOf(a)} where a missing id answers ${problemOf(ref)}`);
            }
          }
        } else if (op.method === 'GET') {
          const queries = p.queries?.(s) ?? [''];
          for (const [i, q] of queries.entries()) {
            const a = await probe({ method: 'GET', url: `${op.path}${q}`, token }, actor, failures, `GET ${q || '(no query)'}`, false);
            const wanted = deniedOutright ? expectedDenial(p, actor) : p.auth === 'required' ? 200 : null;
            if (i === 0 && wanted !== null && a.status !== wanted) failures.push(`GET ${q || '(no query)'}: expected ${wanted}, got ${problemOf(a)}`);
            if (a.status !== 200 && !a.contentType.startsWith('application/problem+json')) failures.push(`GET ${q}: ${a.status} is not problem+json`);
          }
        } else if (deniedOutright) {
          for (const b of bodies) {
            const a = await probe({ method: op.method, url: op.path, token, ...b }, actor, failures, `${op.method} (${b.form ? 'multipart' : 'json'})`, true);
            if (a.status !== expectedDenial(p, actor)) failures.push(`${op.method}: expected ${expectedDenial(p, actor)}, got ${problemOf(a)}`);
          }
        }
        assertNone(failures);
      });
    }

    it(`works for a legitimate caller (${p.legit.actor})`, async () => {
      const target = await p.legit.target?.(s);
      const a = await send(api.app, { method: op.method, url: fillPath(op.path, target), token: s.token(p.legit.actor), ...(p.body && { json: p.body(s) }) });
      expect(p.legit.status, problemOf(a)).toContain(a.status);
      expect(leaksIn(s.secretsFor(p.legit.actor), { method: op.method, url: op.path }, a)).toEqual([]);
      if (p.lists && op.method === 'GET') {
        let listed = a.raw;
        for (const q of p.queries?.(s) ?? []) listed += (await send(api.app, { method: 'GET', url: `${op.path}${q}`, token: s.token(p.legit.actor) })).raw;
        const mine = s.rows.filter((r) => r.kind === p.lists && r.tenant === s.tenantOf(p.legit.actor) && r.seenBy.includes(p.legit.actor));
        expect(mine.length).toBeGreaterThan(0);
        for (const r of mine) expect(listed, `${r.key} is missing from the list`).toContain(typeof r.id === 'number' ? `"id":${r.id}` : r.id);
      }
    });

    for (const ref of p.bodyRefs ?? []) {
      it(`answers a ${ref.name} the caller may not use exactly as a missing one, and changes nothing`, async () => {
        const failures: string[] = [];
        const target = await ref.target?.(s);
        for (const { actor, ref: value } of ref.invalid(s)) {
          const token = s.token(actor);
          const url = fillPath(op.path, target);
          const missing = await probe({ method: op.method, url, token, json: ref.body(s, ref.missing) }, actor, failures, `${actor} missing ${ref.name}`, true);
          const a = await probe({ method: op.method, url, token, json: ref.body(s, value) }, actor, failures, `${actor} ${ref.name}=${keyOfSecret(String(value))}`, true);
          if (missing.status < 400) failures.push(`${actor}: a missing ${ref.name} was accepted (${missing.status})`);
          if (problemOf(a) !== problemOf(missing)) failures.push(`${actor} ${ref.name}=${value}: answered ${problemOf(a)} where a missing one answers ${problemOf(missing)}`);
        }
        assertNone(failures);
      });
    }

    if (p.sameAnswer) {
      it('answers the same whether the account exists or not', async () => {
        for (const [x, y] of p.sameAnswer!(s)) {
          const [a, b] = [await send(api.app, { method: op.method, url: op.path, json: x }), await send(api.app, { method: op.method, url: op.path, json: y })];
          expect(problemOf(a)).toBe(problemOf(b));
        }
      });
    }
  });
}

describe('search applies the thread visibility', () => {
  for (const actor of ACTORS.filter((a) => a !== 'anonymous')) {
    it(`as ${actor}: every seeded word finds exactly the tickets whose readable text holds it`, async () => {
      const seeded = new Set(s.rows.filter((r) => r.kind === 'ticket').map((r) => String(r.id)));
      const wrong: string[] = [];
      for (const probeWord of s.searchProbes) {
        const res = await send(api.app, { method: 'GET', url: `/tickets/api/tickets/?search=${probeWord.word}`, token: s.token(actor) });
        expect(res.status).toBe(200);
        const found = (res.body.results as Array<{ id: string }>).map((t) => t.id).filter((id) => seeded.has(id)).sort();
        const want = [...(probeWord.hits[actor] ?? [])].sort();
        if (JSON.stringify(found) !== JSON.stringify(want)) {
          wrong.push(`"${keyOfSecret(probeWord.word)}" found [${found.map(keyOfSecret)}], expected [${want.map(keyOfSecret)}]`);
        }
      }
      assertNone(wrong);
    });
  }
});

describe('queue addresses belong to one tenant', () => {
  const taken = async (actor: ActorName, call: Omit<Call, 'token'>) => {
    const failures: string[] = [];
    const a = await probe({ ...call, token: s.token(actor) }, actor, failures, call.url, true);
    assertNone(failures);
    expect(a.status, problemOf(a)).toBe(409);
  };
  it("another tenant's admin cannot give a department an address tenant A uses", () =>
    taken('otherAdmin', { method: 'PATCH', url: '/tickets/api/departments/1/', json: { addresses: ['ventas@example.com'] } }));
  it('nor in another spelling of it', () =>
    taken('otherAdmin', { method: 'PATCH', url: '/tickets/api/departments/1/', json: { addresses: ['Ventas@Example.COM'] } }));
  it('nor create a department with it', () =>
    taken('otherAdmin', { method: 'POST', url: '/tickets/api/departments/', json: { name: 'Grab', addresses: ['ventas@example.com'] } }));
  it("tenant A's admin cannot take tenant B's address either", () =>
    taken('admin', { method: 'PATCH', url: '/tickets/api/departments/1/', json: { addresses: [String(s.row('addressB').id)] } }));
});

