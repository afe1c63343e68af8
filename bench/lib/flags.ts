/** Command-line flags of the API benchmark. */
import { parseArgs } from 'node:util';

export interface BenchFlags {
  tickets: number;
  db: 'sqlite' | 'postgres';
  databaseUrl: string | undefined;
  durationS: number;
  concurrency: number;
  keep: boolean;
  explain: boolean;
  only: string[];
  automation: boolean;
  workerProcess: boolean;
  /** No jobs run while the scenarios do: the requests alone. */
  noJobs: boolean;
  /** PARLEY_JOB_SHARE for the server (undefined: its default). */
  jobShare: number | undefined;
  statements: boolean;
}

export const USAGE = `Usage: npm run bench:api -- [flags]

  --tickets N          tickets to seed (default 1,000,000; 100k, 1m and 1e6 work too)
  --db sqlite|postgres database engine (default sqlite)
  --database-url URL   PostgreSQL database to use instead of a fresh parley_bench
  --duration S         seconds per scenario (default 10)
  --concurrency C      concurrent keep-alive clients (default 16)
  --keep               keep the seeded data (/tmp/parley-bench/… or parley_bench) and
                       reuse it on the next run with the same ticket count
  --explain            print the query plans of the list and search queries
  --only a,b           run only the scenarios whose name contains one of these words
  --automation         first turn on an SLA policy with business hours, round-robin
                       assignment and five triggers (bench/lib/automation-setup.ts), to
                       measure what they cost; use a fresh database (not --keep data)
  --worker-process     run the jobs in a \`parley worker\` process beside the server (as
                       PARLEY_SERVICES=web plus a worker would), not in the server
  --job-share S        PARLEY_JOB_SHARE of the server: the share of time jobs run in its
                       process while requests are in flight (default 0.25; 1 never pauses)
  --no-jobs            run no jobs during the scenarios: what the requests cost alone (the
                       jobs they queue are counted, and left)
  --statements         (SQLite) print the statements this process ran during each scenario,
                       by total time, per request (worker jobs included unless --worker-process)`;

/** A bad command line: printed with the usage, without a stack trace. */
export class FlagError extends Error {}

export function parseFlags(argv: string[]): BenchFlags {
  try {
    return parse(argv);
  } catch (e) {
    throw new FlagError((e as Error).message);
  }
}

function parse(argv: string[]): BenchFlags {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '1000000' },
      db: { type: 'string', default: 'sqlite' },
      'database-url': { type: 'string' },
      duration: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '16' },
      keep: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      only: { type: 'string' },
      automation: { type: 'boolean', default: false },
      'worker-process': { type: 'boolean', default: false },
      'job-share': { type: 'string' },
      'no-jobs': { type: 'boolean', default: false },
      statements: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const db = values['database-url'] ? 'postgres' : values.db;
  if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db must be sqlite or postgres, not "${db}"`);
  return {
    tickets: count(values.tickets, '--tickets', 1),
    db,
    databaseUrl: values['database-url'],
    durationS: count(values.duration, '--duration', 1),
    concurrency: count(values.concurrency, '--concurrency', 1),
    keep: values.keep,
    explain: values.explain,
    only: (values.only ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    automation: values.automation,
    workerProcess: values['worker-process'],
    noJobs: noJobs(values['no-jobs'], values['worker-process']),
    jobShare: values['job-share'] === undefined ? undefined : share(values['job-share']),
    statements: values.statements,
  };
}

function noJobs(no: boolean, workerProcess: boolean): boolean {
  if (no && workerProcess) throw new Error('--no-jobs and --worker-process contradict each other');
  return no;
}

function share(raw: string): number {
  const n = Number(raw);
  if (!(n > 0 && n <= 1)) throw new Error(`--job-share must be a number above 0 and at most 1, not "${raw}"`);
  return n;
}

/** "1,000,000", "1_000_000", "1e6", "100k" and "1m" all read as numbers. */
function count(raw: string, flag: string, min: number): number {
  const m = /^([\d.,_]+(?:e\d+)?)([km]?)$/i.exec(raw.trim());
  const units: Record<string, number> = { '': 1, k: 1e3, m: 1e6 };
  const n = m ? Number(m[1].replace(/[,_]/g, '')) * units[m[2].toLowerCase()] : NaN;
  if (!Number.isFinite(n) || n < min || !Number.isInteger(n)) throw new Error(`${flag} must be a whole number ≥ ${min}, not "${raw}"`);
  return n;
}
