/**
 * The checkpoint thread (wal-checkpointer.ts) keeps the write-ahead log of a busy SQLite
 * database short without the writer checkpointing: after it has run, the log's frames are
 * back in the database file, and the data written is all there when read anew.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startWalCheckpointer } from './wal-checkpointer.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the WAL checkpoint thread', () => {
  it('copies the log back into the database while the writer goes on, and stops cleanly', async () => {
    const file = join(dir, 'x.db');
    const db = new SqliteDatabase(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (id integer primary key, body text)');
    const insert = db.prepare('insert into t (body) values (?)');
    for (let i = 0; i < 300; i++) insert.run('x'.repeat(4000));
    const before = statSync(file).size;
    const checkpointer = startWalCheckpointer(file, { delayMs: 0, everyMs: 20 });
    // The thread has copied the frames once the database file holds the rows (300 × 4 KB).
    await expect.poll(() => statSync(file).size, { timeout: 10_000 }).toBeGreaterThan(before + 300 * 4000);
    for (let i = 0; i < 100; i++) insert.run('y'.repeat(100));
    await checkpointer.stop();
    // Nothing left to copy: a checkpoint now finds every frame already in the file.
    const [state] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    expect(state.busy).toBe(0);
    expect(state.checkpointed).toBe(state.log);
    db.close();
    const reread = new SqliteDatabase(file, { readonly: true });
    expect(reread.prepare('select count(*) as n from t').get()).toEqual({ n: 400 });
    reread.close();
  });
});
