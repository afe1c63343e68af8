/**
 * The load generator, run in a worker thread so that making requests does not share an
 * event loop with the server it measures. C virtual users each keep one keep-alive
 * connection busy for the scenario's duration, and every response's latency (request
 * written → body fully read) is recorded after the warm-up.
 */
import http from 'node:http';
import { parentPort } from 'node:worker_threads';

export type Spec =
  | { kind: 'get'; paths: string[] }
  | { kind: 'walk'; path: string; pages: number }
  | { kind: 'post'; path: string; body: string };

export interface RunRequest {
  port: number; token: string; spec: Spec;
  concurrency: number; warmupMs: number; durationMs: number; timeoutMs: number;
}

export interface RunResult {
  latencies: Float64Array;
  /** Latency by page for walks (index 0 = first page). */
  pageLatencies: Float64Array[];
  statuses: Record<number, number>;
  failures: string[];
  seconds: number;
  /** Requests that completed during the warm-up (not in latencies). */
  warmupRequests: number;
}

const expectedStatus = (spec: Spec) => (spec.kind === 'post' ? 201 : 200);

async function run(r: RunRequest): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: r.concurrency, maxFreeSockets: r.concurrency });
  const latencies: number[] = [];
  const pages: number[][] = [];
  const statuses: Record<number, number> = {};
  const failures: string[] = [];
  const start = performance.now();
  const measureFrom = start + r.warmupMs;
  const end = measureFrom + r.durationMs;
  let next = 0;
  let warmupRequests = 0;

  const send = (method: string, path: string, body?: string) => new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${r.token}` };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    const req = http.request({ host: '127.0.0.1', port: r.port, method, path, agent, headers, timeout: r.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${r.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });

  const timed = async (method: string, path: string, body: string | undefined, page: number): Promise<string | null> => {
    const t0 = performance.now();
    try {
      const res = await send(method, path, body);
      const t1 = performance.now();
      const ms = t1 - t0;
      // Counted by completion time: a request slower than the warm-up still shows up.
      if (t1 < measureFrom) warmupRequests++;
      else {
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === expectedStatus(r.spec)) {
          latencies.push(ms);
          (pages[page] ??= []).push(ms);
        } else if (failures.length < 5) failures.push(`${res.status} ${path}: ${res.text.slice(0, 200)}`);
      }
      return res.status === 200 ? res.text : null;
    } catch (e) {
      if (performance.now() >= measureFrom) {
        if (failures.length < 5) failures.push(`${path}: ${(e as Error).message}`);
        statuses[0] = (statuses[0] ?? 0) + 1;
      }
      return null;
    }
  };

  const user = async () => {
    const spec = r.spec;
    while (performance.now() < end) {
      if (spec.kind === 'get') await timed('GET', spec.paths[next++ % spec.paths.length], undefined, 0);
      else if (spec.kind === 'post') await timed('POST', spec.path, spec.body, 0);
      else {
        let cursor: string | null = null;
        for (let p = 0; p < spec.pages && performance.now() < end; p++) {
          const text = await timed('GET', cursor ? `${spec.path}&cursor=${encodeURIComponent(cursor)}` : spec.path, undefined, p);
          cursor = text ? (JSON.parse(text) as { next_cursor: string | null }).next_cursor : null;
          if (!cursor) break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: r.concurrency }, user));
  agent.destroy();
  return {
    latencies: Float64Array.from(latencies),
    pageLatencies: pages.map((p) => Float64Array.from(p ?? [])),
    statuses, failures, warmupRequests,
    // Until the last response: requests still in flight at the deadline count, and so does their time.
    seconds: (performance.now() - measureFrom) / 1000,
  };
}

parentPort?.on('message', (r: RunRequest) => {
  run(r).then((result) => parentPort!.postMessage(result), (e: Error) => parentPort!.postMessage({ error: e.message }));
});
