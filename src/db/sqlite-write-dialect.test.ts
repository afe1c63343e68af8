import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteWriteDialect } from './sqlite-write-dialect.ts';

// Two connections to one file, as `parley serve --services=web` and `parley worker` are.
interface T { items: { n: number } }
const dirs: string[] = [];
const open: Array<Kysely<T>> = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function connect(file: string, immediate: boolean): Kysely<T> {
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('busy_timeout = 200');
  const db = new Kysely<T>({ dialect: immediate ? new SqliteWriteDialect(raw) : new SqliteDialect({ database: raw }) });
  open.push(db);
  return db;
}

async function readOtherWritesThenWrite(immediate: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-sqlite-begin-'));
  dirs.push(dir);
  const file = join(dir, 'db.sqlite');
  const mine = connect(file, immediate);
  const other = connect(file, true);
  await sql`create table items (n integer)`.execute(mine);
  let otherWrite: unknown = 'not tried';
  const mineResult = await mine.transaction().execute(async (trx) => {
    await trx.selectFrom('items').selectAll().execute();
    // Another process commits while this transaction is between its read and its write.
    otherWrite = await other.insertInto('items').values({ n: 2 }).execute().then(() => 'committed', (e: Error) => e.message);
    await trx.insertInto('items').values({ n: 1 }).execute();
    return 'committed';
  }).catch((e: Error) => e.message);
  const rows = await mine.selectFrom('items').select('n').orderBy('n').execute();
  return { mine: mineResult, other: otherWrite, rows: rows.map((r) => r.n) };
}

describe('SQLite transactions begin IMMEDIATE', () => {
  it('a transaction that reads, then writes, is not refused because another connection wrote in between', async () => {
    const r = await readOtherWritesThenWrite(true);
    expect(r.mine).toBe('committed');
    // The other connection waited its busy timeout for the lock this transaction held, and was told so.
    expect(r.other).toMatch(/database is locked/);
    expect(r.rows).toEqual([1]);
  });

  it('begun DEFERRED (Kysely\'s default), the same transaction is refused at its first write', async () => {
    const r = await readOtherWritesThenWrite(false);
    expect(r.other).toBe('committed');
    expect(r.mine).toMatch(/database is locked/);
    expect(r.rows).toEqual([2]);
  });
});

describe('reads outside a transaction on a second connection', () => {
  function writerAndReader() {
    const dir = mkdtempSync(join(tmpdir(), 'parley-sqlite-reader-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const writer = new SqliteDatabase(file);
    writer.pragma('journal_mode = WAL');
    const db = new Kysely<T>({ dialect: new SqliteWriteDialect(writer, new SqliteDatabase(file)) });
    open.push(db);
    return db;
  }

  it('answers a read while a transaction is open, with what is committed; the transaction sees its own writes', async () => {
    const db = writerAndReader();
    await sql`create table items (n integer)`.execute(db);
    await db.insertInto('items').values({ n: 1 }).execute();
    const seen = await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ n: 2 }).execute();
      // On one connection this read would wait for the transaction, which waits for it: never answered.
      const outside = await db.selectFrom('items').select('n').orderBy('n').execute();
      const inside = await trx.selectFrom('items').select('n').orderBy('n').execute();
      return { outside: outside.map((r) => r.n), inside: inside.map((r) => r.n) };
    });
    expect(seen).toEqual({ outside: [1], inside: [1, 2] });
    expect((await db.selectFrom('items').select('n').orderBy('n').execute()).map((r) => r.n)).toEqual([1, 2]);
  });

  it('asks the write connection what only it knows: its temporary tables and its counters', async () => {
    const db = writerAndReader();
    await sql`create table items (n integer)`.execute(db);
    await sql`create temp table scratch (n integer)`.execute(db);
    await sql`insert into scratch values (7)`.execute(db);
    expect((await sql<{ n: number }>`select n from scratch`.execute(db)).rows).toEqual([{ n: 7 }]);
    expect((await sql<{ n: number }>`select n from temp.scratch`.execute(db)).rows).toEqual([{ n: 7 }]);
    await db.insertInto('items').values([{ n: 1 }, { n: 2 }]).execute();
    expect((await sql<{ c: number }>`select changes() as c`.execute(db)).rows).toEqual([{ c: 2 }]);
  });

  it('runs a write outside a transaction after the open one, in turn, and takes a writing statement that returns rows for a write', async () => {
    const db = writerAndReader();
    await sql`create table items (n integer)`.execute(db);
    const order: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ n: 1 }).execute();
      order.push('transaction wrote');
      await held;
      order.push('transaction ends');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const outside = db.insertInto('items').values({ n: 2 }).returning('n').execute().then((rows) => { order.push('outside wrote'); return rows; });
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await tx;
    expect(await outside).toEqual([{ n: 2 }]);
    expect(order).toEqual(['transaction wrote', 'transaction ends', 'outside wrote']);
  });
});
