/**
 * Errors that mean "the database is unavailable for now" (connection refused or lost,
 * a timeout, the server shutting down, the disk full) rather than "this request is
 * wrong": callers answer them with a temporary failure (HTTP 503, SMTP 451, exit 75)
 * and retry, never with a 500 or a crash.
 */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH',
  '57P01', '57P02', '57P03', // admin shutdown, crash shutdown, cannot connect now
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
  '53100', '53200', '53300', // disk full, out of memory, too many connections
  '57014', '55P03', // statement timeout (query_canceled), lock not available
  'SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_LOCKED',
]);

export function isTransientDatabaseError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && (TRANSIENT_CODES.has(e.code) || e.code.startsWith('SQLITE_IOERR'))) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|database is locked/i.test(message);
}
