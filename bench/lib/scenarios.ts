/**
 * The requests the benchmark makes, with the DESIGN.md target each is held to. Search
 * words come from the seed's own vocabulary (the same deterministic one), picked by
 * expected frequency; how many tickets each really matches is counted and printed.
 */
import { listDepartments } from '../../src/domain/departments/departments.repo.ts';
import { searchTerms } from '../../src/domain/search/search-terms.ts';
import { ticketIdsMatching } from '../../src/domain/search/search.repo.ts';
import { getSettings } from '../../src/domain/settings/get-settings.ts';
import { formatTicketNumber } from '../../src/domain/tickets/ticket-number.ts';
import type { Runtime } from '../../src/runtime.ts';
import type { Spec } from './load-client.ts';
import { Prng } from './prng.ts';
import { fmt } from './seed.ts';
import { Vocabulary } from './vocabulary.ts';

export type TargetKind = 'list' | 'search' | 'create';
export interface Scenario { name: string; target: TargetKind; spec: Spec; detail: string }

const API = '/tickets/api/tickets/';

/** The seed's own example (seed 000, "crear un ticket vía API"). */
export const SEED_CREATE_BODY = JSON.stringify({
  subject: 'Error al crear sitio web',
  department: 1,
  priority: 'high',
  messages: [{
    body: 'Al intentar crear un nuevo sitio web desde el panel de hosting, recibo un error 500. Adjunto captura de pantalla del error. El dominio es ejemplo.com y el error ocurre al pulsar el botón Crear.',
    message_type: 'reply',
  }],
});

/** The scenarios `wanted` accepts; search words are counted only for those. */
export async function buildScenarios(rt: Runtime, tickets: number, wanted: (name: string) => boolean, log: (line: string) => void): Promise<Scenario[]> {
  const tenantId = rt.defaultTenantId;
  const departments = await listDepartments(rt.db, tenantId);
  const vocab = new Vocabulary(tickets);
  const format = (await getSettings(rt.db, tenantId)).ticket_number_format;
  const rng = new Prng(99);
  const numbers = Array.from({ length: 200 }, () => formatTicketNumber(format, 1 + rng.int(tickets), new Date()));

  const search = async (name: string, words: string[]): Promise<Scenario | null> => {
    if (!wanted(name)) return null;
    const counts: string[] = [];
    for (const w of words) {
      const t0 = Date.now();
      const row = await rt.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId).where('id', 'in', ticketIdsMatching(rt.dialect, tenantId, searchTerms(w), 'all'))
        .executeTakeFirstOrThrow();
      counts.push(`${w} ${fmt(Number(row.n))}`);
      log(`  ${name}: "${w}" matches ${fmt(Number(row.n))} tickets (counted in ${Date.now() - t0} ms)`);
    }
    return { name, target: 'search', spec: { kind: 'get', paths: words.map((w) => `${API}?search=${encodeURIComponent(w)}&limit=50`) }, detail: `tickets matching: ${counts.join(', ')}` };
  };

  const all: Array<Scenario | null> = [
    { name: 'list status+priority', target: 'list', spec: { kind: 'get', paths: [`${API}?status=open&priority=high&limit=50`] }, detail: '?status=open&priority=high&limit=50' },
    {
      name: 'list +department -updated_at', target: 'list',
      spec: { kind: 'get', paths: departments.map((d) => `${API}?status=open&priority=high&department=${d.id}&sort=-updated_at&limit=50`) },
      detail: `?status=open&priority=high&department=<each of ${departments.length}>&sort=-updated_at&limit=50`,
    },
    { name: 'list 3 pages by cursor', target: 'list', spec: { kind: 'walk', path: `${API}?status=open&priority=high&limit=50`, pages: 3 }, detail: 'pages 1→3 of ?status=open&priority=high&limit=50' },
    { name: 'list no filter', target: 'list', spec: { kind: 'get', paths: [`${API}?limit=50`] }, detail: '?limit=50 (newest first)' },
    await search('search rare', vocab.rareWords(3).map((w) => w.word)),
    await search('search medium', vocab.searchWords(0.008, 3).map((w) => w.word)),
    await search('search common', vocab.searchWords(0.12, 3).map((w) => w.word)),
    { name: 'search TK-number', target: 'search', spec: { kind: 'get', paths: numbers.map((n) => `${API}?search=${n}`) }, detail: `?search=${numbers[0]} and 199 other numbers` },
    { name: 'create ticket', target: 'create', spec: { kind: 'post', path: API, body: SEED_CREATE_BODY }, detail: 'POST the seed\'s example body' },
  ];
  return all.filter((s): s is Scenario => s !== null && wanted(s.name));
}
