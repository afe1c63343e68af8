import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, testDialect, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import type { Db, Tx } from './client.ts';
import { runTransaction } from './group-commit.ts';

// Transactions started together, as concurrent requests start them: all queued before the first runs.
let t: TestRuntime;
let db: Db;
/** Another connection, as another process has: it sees only what is committed. */
let committedRows: () => Promise<number[]>;
let other: SqliteDatabase.Database | undefined;

beforeAll(async () => {
  t = await createTestRuntime();
  db = t.rt.db;
  await sql`create table gc_parents (id integer primary key)`.execute(db);
  // A deferred foreign key is checked at COMMIT: the way to make a commit itself fail.
  await sql`create table gc_rows (n integer not null, parent integer references gc_parents (id) deferrable initially deferred)`.execute(db);
  const target = t.config.database;
  if (target.dialect === 'sqlite') {
    other = new SqliteDatabase(target.file, { readonly: true });
    committedRows = async () => (other!.prepare('select n from gc_rows order by n').all() as Array<{ n: number }>).map((r) => r.n);
  } else {
    committedRows = async () => (await sql<{ n: number }>`select n from gc_rows order by n`.execute(db)).rows.map((r) => r.n);
  }
});
afterAll(async () => {
  other?.close();
  await t.cleanup();
});
beforeEach(async () => {
  await sql`delete from gc_rows`.execute(db);
});

const insert = (trx: Tx, n: number, parent: number | null = null) => sql`insert into gc_rows (n, parent) values (${n}, ${parent})`.execute(trx);
const tick = () => new Promise((resolve) => setImmediate(resolve));
const outcome = (p: Promise<unknown>) => p.then(() => 'committed', (e: Error) => e.message);

describe(`runTransaction (${testDialect})`, () => {
  it('commits every one of many concurrent transactions, and each settles only once its rows are committed', async () => {
    const seenAtSettle: boolean[] = [];
    await Promise.all(Array.from({ length: 40 }, (_, i) => runTransaction(db, async (trx) => {
      await insert(trx, i);
      await tick();
    }).then(async () => { seenAtSettle[i] = (await committedRows()).includes(i); })));
    expect(seenAtSettle).toEqual(Array.from({ length: 40 }, () => true));
    expect(await committedRows()).toHaveLength(40);
  });

  it('undoes a transaction that throws, alone: the ones started with it commit', async () => {
    const results = await Promise.all([
      outcome(runTransaction(db, (trx) => insert(trx, 1))),
      outcome(runTransaction(db, async (trx) => { await insert(trx, 2); throw new Error('refused'); })),
      outcome(runTransaction(db, (trx) => insert(trx, 3))),
    ]);
    expect(results).toEqual(['committed', 'refused', 'committed']);
    expect(await committedRows()).toEqual([1, 3]);
  });

  it('undoes a first transaction that throws, and commits the ones waiting behind it', async () => {
    const results = await Promise.all([
      outcome(runTransaction(db, async (trx) => { await insert(trx, 1); throw new Error('refused'); })),
      outcome(runTransaction(db, (trx) => insert(trx, 2))),
      outcome(runTransaction(db, (trx) => insert(trx, 3))),
    ]);
    expect(results).toEqual(['refused', 'committed', 'committed']);
    expect(await committedRows()).toEqual([2, 3]);
  });

  it('returns what the work returns, to each caller its own', async () => {
    const values = await Promise.all([1, 2, 3].map((n) => runTransaction(db, async (trx) => {
      await insert(trx, n);
      return n * 10;
    })));
    expect(values).toEqual([10, 20, 30]);
  });

  if (testDialect === 'sqlite') {
    it('lets transactions waiting for the connection join the one running, so one COMMIT holds them all', async () => {
      let committedDuringSecond: number[] = [];
      let visibleToSecond: number[] = [];
      await Promise.all([
        runTransaction(db, async (trx) => { await insert(trx, 1); await tick(); }),
        runTransaction(db, async (trx) => {
          await insert(trx, 2);
          visibleToSecond = (await sql<{ n: number }>`select n from gc_rows order by n`.execute(trx)).rows.map((r) => r.n);
          committedDuringSecond = await committedRows();
        }),
      ]);
      // The second sees the first's row, which no other connection sees yet: one transaction.
      expect(visibleToSecond).toEqual([1, 2]);
      expect(committedDuringSecond).toEqual([]);
      expect(await committedRows()).toEqual([1, 2]);
    });

    it('when the COMMIT fails, rejects every transaction it held and keeps none of their rows', async () => {
      const results = await Promise.all([
        outcome(runTransaction(db, (trx) => insert(trx, 1))),
        outcome(runTransaction(db, (trx) => insert(trx, 2, 999))),
        outcome(runTransaction(db, (trx) => insert(trx, 3))),
      ]);
      expect(results.every((r) => /FOREIGN KEY/.test(r))).toBe(true);
      expect(await committedRows()).toEqual([]);
      // The connection is usable afterwards.
      await runTransaction(db, (trx) => insert(trx, 4));
      expect(await committedRows()).toEqual([4]);
    });

    it('when SQLite ends the transaction by itself (disk full, I/O error), fails the members it held and runs the rest anew', async () => {
      const results = await Promise.all([
        outcome(runTransaction(db, (trx) => insert(trx, 1))),
        outcome(runTransaction(db, async (trx) => {
          await insert(trx, 2);
          await sql`rollback`.execute(trx);
          throw new Error('database or disk is full');
        })),
        outcome(runTransaction(db, (trx) => insert(trx, 3))),
      ]);
      expect(results).toEqual(['database or disk is full', 'database or disk is full', 'committed']);
      expect(await committedRows()).toEqual([3]);
    });

    it('when a transaction caught the error that ended it, refuses its later statements and fails it: nothing runs outside a transaction', async () => {
      const results = await Promise.all([
        outcome(runTransaction(db, async (trx) => {
          await insert(trx, 1);
          await sql`rollback`.execute(trx);
          // The write SQLite would have made on its own, committed at once: refused instead.
          await insert(trx, 11).catch(() => {});
        })),
        outcome(runTransaction(db, (trx) => insert(trx, 2))),
      ]);
      expect(results[0]).toMatch(/ended the transaction before its commit/);
      expect(results[1]).toBe('committed');
      expect(await committedRows()).toEqual([2]);
    });

    it('commits a transaction started alone (a long rebuild) on its own: it neither waits in nor holds a group', async () => {
      const committedWhenAloneRan: number[][] = [];
      await Promise.all([
        runTransaction(db, async (trx) => { await insert(trx, 1); await tick(); }),
        runTransaction(db, async (trx) => { committedWhenAloneRan.push(await committedRows()); await insert(trx, 2); }, { alone: true }),
        runTransaction(db, async (trx) => { committedWhenAloneRan.push(await committedRows()); await insert(trx, 3); }),
      ]);
      // The first had committed before the long one began, and the long one before the third.
      expect(committedWhenAloneRan).toEqual([[1], [1, 2]]);
      expect(await committedRows()).toEqual([1, 2, 3]);
    });
  } else {
    it('on PostgreSQL runs each transaction on its own: a failing commit takes only its own', async () => {
      const results = await Promise.all([
        outcome(runTransaction(db, (trx) => insert(trx, 1))),
        outcome(runTransaction(db, (trx) => insert(trx, 2, 999))),
        outcome(runTransaction(db, (trx) => insert(trx, 3))),
      ]);
      expect(results[0]).toBe('committed');
      expect(results[1]).toMatch(/foreign key/);
      expect(results[2]).toBe('committed');
      expect(await committedRows()).toEqual([1, 3]);
    });
  }
});
