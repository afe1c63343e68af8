/**
 * What a long-running process (serve, worker) does with an error nobody caught. A lost
 * database connection must never end the process: it is logged and the pools reconnect.
 * Anything else is a bug: logged with its stack, then the process exits 1 so a supervisor
 * restarts it clean, rather than running on in an unknown state.
 */
import { isTransientDatabaseError } from '../db/transient-errors.ts';

type Log = (level: 'warn' | 'fatal', msg: string, data: Record<string, unknown>) => void;

/** Installs the handlers; returns a function that removes them. */
export function installProcessFailurePolicy(log: Log, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  const handle = (kind: string) => (err: unknown) => {
    const data = { kind, err: err instanceof Error ? { message: err.message, stack: err.stack, code: (err as { code?: unknown }).code } : String(err) };
    if (isTransientDatabaseError(err)) {
      log('warn', 'database unavailable (uncaught); the process keeps running', data);
      return;
    }
    log('fatal', 'uncaught error: exiting', data);
    exit(1);
  };
  const onRejection = handle('unhandledRejection');
  const onException = handle('uncaughtException');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
