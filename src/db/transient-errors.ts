/**
 * Errors that mean "the database is unavailable for now" (connection refused or lost,
 * a timeout, the server shutting down or frozen, the disk full) rather than "this request
 * is wrong": callers answer them with a temporary failure (HTTP 503, SMTP 451, exit 75)
 * and retry, never with a 500 or a crash.
 */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENOSPC',
  'PARLEY_QUERY_TIMEOUT', 'PARLEY_DEADLINE', // our own client-side deadlines (db/client.ts, db/deadline.ts)
  'PARLEY_TRANSACTION_ENDED', // SQLite ended a transaction on an error that was caught (db/sqlite-write-dialect.ts)
  '57P01', '57P02', '57P03', // admin shutdown, crash shutdown, cannot connect now
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
  '53000', '53100', '53200', '53300', // insufficient resources: disk full, out of memory, too many connections
  '57014', '55P03', // statement timeout (query_canceled), lock not available
  '25P03', // idle_in_transaction_session_timeout ended the transaction
  '40001', '40P01', // serialization failure, deadlock: the same work succeeds when retried
  'SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_LOCKED', 'SQLITE_NOMEM', 'SQLITE_CANTOPEN',
]);

const TRANSIENT_MESSAGE = new RegExp([
  'Connection terminated', 'connection timeout', 'timeout exceeded when trying to connect',
  'encountered a connection error', 'Client was closed and is not queryable', 'Query read timeout',
  'database is locked', 'database or disk is full', 'No space left on device',
  // SQLite ended the transaction itself (disk full, I/O error): the rollback that follows says only this.
  'cannot rollback - no transaction is active',
].join('|'), 'i');

const STORAGE_FULL = /database or disk is full|No space left on device|could not extend file|could not write/i;

/** True for an error (or one it wraps) that a retry later can get past. */
export function isTransientDatabaseError(err: unknown): boolean {
  return someCause(err, (e) => {
    if (typeof e.code === 'string' && (TRANSIENT_CODES.has(e.code) || /^SQLITE_(IOERR|BUSY|LOCKED|FULL)/.test(e.code))) return true;
    return typeof e.message === 'string' && TRANSIENT_MESSAGE.test(e.message);
  });
}

/** True when the database could not write for lack of disk space (SQLite SQLITE_FULL, PostgreSQL 53100, ENOSPC). */
export function isStorageFullError(err: unknown): boolean {
  return someCause(err, (e) => e.code === 'SQLITE_FULL' || e.code === '53100' || e.code === 'ENOSPC'
    || (typeof e.message === 'string' && STORAGE_FULL.test(e.message) && (e.code === undefined || String(e.code).startsWith('SQLITE') || String(e.code).startsWith('53'))));
}

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

/** Looks at the error, its `cause` chain and an AggregateError's members (a host with several addresses). */
function someCause(err: unknown, test: (e: ErrorLike) => boolean, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as ErrorLike;
  if (test(e)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => someCause(x, test, depth + 1))) return true;
  return someCause(e.cause, test, depth + 1);
}
