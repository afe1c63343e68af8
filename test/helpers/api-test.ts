/** The set-up every route test file shares: a database, the app on it, and a populated world. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { createTestRuntime, type TestRuntime } from './test-runtime.ts';
import { buildWorld, type World } from './world.ts';

export interface ApiTest { t: TestRuntime; app: FastifyInstance; w: World }

export async function startApiTest(env: Record<string, string> = {}): Promise<ApiTest> {
  const t = await createTestRuntime(env);
  const app = await buildApp(t.rt);
  return { t, app, w: await buildWorld(t.rt) };
}

export async function stopApiTest(s: Partial<ApiTest>): Promise<void> {
  await s.app?.close();
  await s.t?.cleanup();
}
