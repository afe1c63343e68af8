/**
 * Action plugins (docs/automation.md): the example plugin loaded through PARLEY_ACTION_PLUGINS
 * as an operator would, run by a trigger; and a bad module stopping the start with a message
 * that names it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagsFor } from '../../../examples/action-plugins/tag-by-keywords.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { createRuntime } from '../../runtime.ts';
import { listTicketTagNames } from '../tags/tags.repo.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { loadActor } from '../users/load-actor.ts';
import { findActionType, unregisterActionType } from './action-registry.ts';
import { loadActionPlugins } from './load-action-plugins.ts';
import { createTrigger } from './manage-triggers.ts';

const PLUGIN = 'examples/action-plugins/tag-by-keywords.ts';
let t: TestRuntime;
let w: World;
const dir = mkdtempSync(join(tmpdir(), 'parley-plugins-'));

beforeAll(async () => {
  t = await createTestRuntime({ PARLEY_ACTION_PLUGINS: PLUGIN });
  w = await buildWorld(t.rt);
});
afterAll(async () => {
  unregisterActionType('example.tag_by_keywords');
  rmSync(dir, { recursive: true, force: true });
  await t?.cleanup();
});

describe('the example plugin, loaded from the configuration', () => {
  it('is registered at start and runs as a trigger action', async () => {
    expect(findActionType('example.tag_by_keywords')?.label).toBe('Tag by keywords in the subject');
    const admin = t.rt.ctx(w.tenantId, await loadActor(t.rt.db, w.admin.user), 'api');
    await createTrigger(admin, {
      name: 'Tag by subject', type: 'NEW_TICKET_CREATED', options: { origin: 'both' },
      actions: [{ type: 'example.tag_by_keywords', config: { rules: [{ words: ['invoice', 'refund'], tags: ['billing'] }, { words: ['outage'], tags: ['incident'] }] } }],
    });
    const ticket = await createTicket(admin, {
      subject: 'Refund for the last Invoice', departmentId: 1, channel: 'api', requester: { email: 'carla@acme.example' }, messages: [{ body: 'Hi', messageType: 'reply' }],
    });
    while ((await t.rt.worker.runOnce()) > 0) { /* drain */ }
    expect((await listTicketTagNames(t.rt.db, w.tenantId, [ticket.id])).get(ticket.id)).toEqual(['billing']);
    const runs = await t.rt.db.selectFrom('trigger_runs').select(['status', 'results']).where('ticket_id', '=', ticket.id).execute();
    expect(runs.map((r) => [r.status, JSON.parse(r.results)[0].detail])).toEqual([['ok', 'added billing']]);
  });

  it('refuses a config its schema refuses, naming the field', async () => {
    const admin = t.rt.ctx(w.tenantId, await loadActor(t.rt.db, w.admin.user), 'api');
    await expect(createTrigger(admin, { name: 'Bad', type: 'CLOSE_TICKET', actions: [{ type: 'example.tag_by_keywords', config: { rules: [{ words: [], tags: ['x'] }] } }] }))
      .rejects.toMatchObject({ status: 422, errors: [{ field: 'actions.0.config.rules.0.words' }] });
  });

  it('matches whole words, whatever their case and accents', () => {
    const rules = [{ words: ['factura'], tags: ['billing'] }, { words: ['caído'], tags: ['incident'] }];
    expect(tagsFor('FACTURA de marzo', rules)).toEqual(['billing']);
    expect(tagsFor('Facturación pendiente', rules)).toEqual([]);
    expect(tagsFor('El servidor está caido', rules)).toEqual(['incident']);
  });
});

describe('a bad plugin stops the start', () => {
  it('a module that cannot be loaded is named, before the database is even opened', async () => {
    const config = loadConfig({ NODE_ENV: 'test', PARLEY_DATA_DIR: join(dir, 'data'), DATABASE_URL: `sqlite:${join(dir, 'never.db')}`, PARLEY_ACTION_PLUGINS: `${PLUGIN}, ${join(dir, 'missing.mjs')}` });
    expect(config.actionPlugins).toEqual([resolve(PLUGIN), join(dir, 'missing.mjs')]);
    await expect(createRuntime(config, { log: () => {} })).rejects.toThrow(/PARLEY_ACTION_PLUGINS: cannot load .*missing\.mjs/);
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it('a module that exports no valid action type is named', async () => {
    const file = join(dir, 'bad.mjs');
    writeFileSync(file, 'export default { type: "Bad Name", label: "x", run() {} };\n');
    const failure = loadActionPlugins([file]);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(loadActionPlugins([file])).rejects.toThrow(/bad\.mjs: action type "Bad Name": the name must match/);
    const empty = join(dir, 'empty.mjs');
    writeFileSync(empty, 'export const nothing = 1;\n');
    await expect(loadActionPlugins([empty])).rejects.toThrow(/empty\.mjs exports no action type/);
  });
});
