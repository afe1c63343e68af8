import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Foreground } from '../../jobs/foreground.ts';
import { registerForeground } from './foreground.ts';

const apps: Array<ReturnType<typeof Fastify>> = [];
afterEach(async () => { await Promise.all(apps.splice(0).map((a) => a.close())); });

/** A real server whose /slow answers when told to and /stream stays open after leaving the count. */
async function serve(foreground: Foreground) {
  // Closing waits for no keep-alive socket the aborted fetch may leave behind.
  const app = Fastify({ forceCloseConnections: true });
  apps.push(app);
  registerForeground(app, foreground);
  let answer: () => void = () => {};
  const answered = new Promise<void>((resolve) => { answer = resolve; });
  let arrived: () => void = () => {};
  const arrival = new Promise<void>((resolve) => { arrived = resolve; });
  app.get('/slow', async () => { arrived(); await answered; return 'done'; });
  app.get('/stream', (request, reply) => {
    reply.hijack();
    request.leaveForeground();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
    reply.raw.write(': open\n\n');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, answer, arrival };
}

describe('requests in flight hold the job worker back', () => {
  it('counts a request from its start until its response ends', async () => {
    const foreground = new Foreground({ lingerMs: 0 });
    const s = await serve(foreground);
    const response = fetch(`${s.base}/slow`);
    await s.arrival;
    expect(foreground.busy).toBe(true);
    s.answer();
    expect(await (await response).text()).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(foreground.busy).toBe(false);
  });

  it('stops counting a request whose client goes away before the answer', async () => {
    const foreground = new Foreground({ lingerMs: 0 });
    const s = await serve(foreground);
    const abort = new AbortController();
    const response = fetch(`${s.base}/slow`, { signal: abort.signal }).catch(() => null);
    await s.arrival;
    abort.abort();
    await response;
    const end = Date.now() + 2000;
    while (foreground.busy && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(foreground.busy).toBe(false);
    s.answer();
  });

  it('does not count a stream that stays open once it has left the count', async () => {
    const foreground = new Foreground({ lingerMs: 0 });
    const s = await serve(foreground);
    const abort = new AbortController();
    const res = await fetch(`${s.base}/stream`, { signal: abort.signal });
    const reader = res.body!.getReader();
    await reader.read();
    expect(foreground.busy).toBe(false);
    abort.abort();
  });
});
