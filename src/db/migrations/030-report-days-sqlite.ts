/**
 * Migration 030 on SQLite: the expressions that place a ticket in the rollup (its local
 * day, a duration in ms, the duration's histogram bucket) and the triggers on `tickets`.
 * One writer at a time: shard 0 only. See 030-report-days.ts for the model.
 */
import { sql, type Kysely } from 'kysely';
import { BUCKET_LN, type RollupSql } from './030-report-days-model.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

const KEY = 'tenant_id, day, department_id, assignee_id, shard';
const MONTH_KEY = 'tenant_id, month, department_id, assignee_id, shard';
const DIM_KEY = 'tenant_id, dim, day, department_id, assignee_id, shard, value';

export const sqliteSql: RollupSql = {
  day: (tenant, at) => `date(${at}, COALESCE((SELECT o.offset_minutes FROM report_day_offsets o WHERE o.tenant_id = ${tenant} AND o.starts_at <= ${at} ORDER BY o.starts_at DESC LIMIT 1), 0) || ' minutes')`,
  ms: (from, to) => `CAST(round((julianday(${to}) - julianday(${from})) * 86400000.0) AS INTEGER)`,
  bucket: (ms) => `(CASE WHEN ${ms} < 1000 THEN 0 ELSE 1 + CAST(floor(ln(${ms} / 1000.0) / ${BUCKET_LN}) AS INTEGER) END)`,
  jsonAgg: (key, value) => `json_group_object(CAST(${key} AS TEXT), ${value}) FILTER (WHERE ${key} IS NOT NULL)`,
  emptyJson: `'{}'`,
  upsertWhere: 'WHERE true',
};

const { day, ms, bucket } = sqliteSql;
const path = (b: string) => `'$."' || ${b} || '"'`;
const jsonAdd = (col: string, b: string, delta: string) => `json_set(${col}, ${path(b)}, COALESCE(json_extract(${col}, ${path(b)}), 0) + (${delta}))`;
const breached = (r: string) => `(CASE WHEN ${r}.first_response_breached_at IS NOT NULL OR ${r}.resolution_breached_at IS NOT NULL THEN 1 ELSE 0 END)`;

/** The ticket counted as created on its day: count and first-response histogram (of the day and of the month). */
function created(r: 'NEW' | 'OLD', d: 1 | -1): string {
  const m = ms(`${r}.created_at`, `${r}.first_response_at`);
  const b = bucket(m);
  const none = `${r}.first_response_at IS NULL`;
  return `INSERT INTO report_days (${KEY}, created, solved, breached, fr_n, fr_s, res_n, res_s)
    VALUES (${r}.tenant_id, ${day(`${r}.tenant_id`, `${r}.created_at`)}, ${r}.department_id, COALESCE(${r}.assignee_id, ''), 0, ${d}, 0, 0,
      CASE WHEN ${none} THEN '{}' ELSE json_object(CAST(${b} AS TEXT), ${d}) END,
      CASE WHEN ${none} THEN '{}' ELSE json_object(CAST(${b} AS TEXT), ${d} * ${m}) END, '{}', '{}')
    ON CONFLICT (${KEY}) DO UPDATE SET created = created + (${d}),
      fr_n = CASE WHEN ${none} THEN fr_n ELSE ${jsonAdd('fr_n', b, `${d}`)} END,
      fr_s = CASE WHEN ${none} THEN fr_s ELSE ${jsonAdd('fr_s', b, `${d} * ${m}`)} END;
    INSERT INTO report_months (${MONTH_KEY}, fr_n, fr_s, res_n, res_s)
    SELECT ${r}.tenant_id, substr(${day(`${r}.tenant_id`, `${r}.created_at`)}, 1, 7), ${r}.department_id, COALESCE(${r}.assignee_id, ''), 0,
      json_object(CAST(${b} AS TEXT), ${d}), json_object(CAST(${b} AS TEXT), ${d} * ${m}), '{}', '{}'
    WHERE NOT (${none})
    ON CONFLICT (${MONTH_KEY}) DO UPDATE SET fr_n = ${jsonAdd('fr_n', b, `${d}`)}, fr_s = ${jsonAdd('fr_s', b, `${d} * ${m}`)};`;
}

/** The ticket counted as solved on the day of resolved_at (when set): count, breaches, resolution histogram (day and month). */
function solved(r: 'NEW' | 'OLD', d: 1 | -1): string {
  const m = ms(`${r}.created_at`, `${r}.resolved_at`);
  const b = bucket(m);
  return `INSERT INTO report_days (${KEY}, created, solved, breached, fr_n, fr_s, res_n, res_s)
    SELECT ${r}.tenant_id, ${day(`${r}.tenant_id`, `${r}.resolved_at`)}, ${r}.department_id, COALESCE(${r}.assignee_id, ''), 0, 0, ${d}, ${d} * ${breached(r)},
      '{}', '{}', json_object(CAST(${b} AS TEXT), ${d}), json_object(CAST(${b} AS TEXT), ${d} * ${m})
    WHERE ${r}.resolved_at IS NOT NULL
    ON CONFLICT (${KEY}) DO UPDATE SET solved = solved + (${d}), breached = breached + (${d}) * ${breached(r)},
      res_n = ${jsonAdd('res_n', b, `${d}`)}, res_s = ${jsonAdd('res_s', b, `${d} * ${m}`)};
    INSERT INTO report_months (${MONTH_KEY}, fr_n, fr_s, res_n, res_s)
    SELECT ${r}.tenant_id, substr(${day(`${r}.tenant_id`, `${r}.resolved_at`)}, 1, 7), ${r}.department_id, COALESCE(${r}.assignee_id, ''), 0,
      '{}', '{}', json_object(CAST(${b} AS TEXT), ${d}), json_object(CAST(${b} AS TEXT), ${d} * ${m})
    WHERE ${r}.resolved_at IS NOT NULL
    ON CONFLICT (${MONTH_KEY}) DO UPDATE SET res_n = ${jsonAdd('res_n', b, `${d}`)}, res_s = ${jsonAdd('res_s', b, `${d} * ${m}`)};`;
}

const DIMS = [['status', 'status'], ['priority', 'priority'], ['channel', 'channel'], ['category', "COALESCE(#.category, '')"]] as const;
const dimValue = (r: string, expr: string) => (expr.includes('#') ? expr.replace('#', r) : `${r}.${expr}`);

/** One dimension value of a created ticket on its day, counted (`only`: a condition for the statement). */
function dim(r: 'NEW' | 'OLD', d: 1 | -1, name: string, expr: string, only = 'true'): string {
  return `INSERT INTO report_day_dims (${DIM_KEY}, count)
    SELECT ${r}.tenant_id, '${name}', ${day(`${r}.tenant_id`, `${r}.created_at`)}, ${r}.department_id, COALESCE(${r}.assignee_id, ''), 0, ${dimValue(r, expr)}, ${d}
    WHERE ${only}
    ON CONFLICT (${DIM_KEY}) DO UPDATE SET count = count + (${d});`;
}
const allDims = (r: 'NEW' | 'OLD', d: 1 | -1) => DIMS.map(([n, e]) => dim(r, d, n, e)).join('\n');

/**
 * Tags: each tag of a ticket counted under the ticket's created day ('tag', the tag id), and
 * once per ticket with at least one tag ('tagged', ''), so "no tag" is created − tagged.
 * `t` names the ticket's row (NEW, OLD, or `t` from a FROM clause), `rest` the FROM/WHERE.
 */
function tagDim(t: string, dim: 'tag' | 'tagged', value: string, d: 1 | -1, rest: string): string {
  return `INSERT INTO report_day_dims (${DIM_KEY}, count)
    SELECT ${t}.tenant_id, '${dim}', ${day(`${t}.tenant_id`, `${t}.created_at`)}, ${t}.department_id, COALESCE(${t}.assignee_id, ''), 0, ${value}, ${d} ${rest}
    ON CONFLICT (${DIM_KEY}) DO UPDATE SET count = count + (${d});`;
}
/** All the tags of a ticket, added to or taken from its key (when its day, department or assignee changes, or before it is deleted). */
function ticketTags(t: 'NEW' | 'OLD', d: 1 | -1): string {
  const own = `tt.tenant_id = ${t}.tenant_id AND tt.ticket_id = ${t}.id`;
  return `${tagDim(t, 'tag', 'CAST(tt.tag_id AS TEXT)', d, `FROM ticket_tags tt WHERE ${own}`)}
    ${tagDim(t, 'tagged', "''", d, `WHERE EXISTS (SELECT 1 FROM ticket_tags tt WHERE ${own})`)}`;
}
/** One tag added to or taken from a ticket (r: the ticket_tags row); nothing when the ticket is gone (a cascade from its delete). */
function tagChange(r: 'NEW' | 'OLD', d: 1 | -1): string {
  const ticket = `FROM tickets t WHERE t.tenant_id = ${r}.tenant_id AND t.id = ${r}.ticket_id`;
  const left = `(SELECT COUNT(*) FROM ticket_tags x WHERE x.tenant_id = ${r}.tenant_id AND x.ticket_id = ${r}.ticket_id)`;
  return `${tagDim('t', 'tag', `CAST(${r}.tag_id AS TEXT)`, d, ticket)}
    ${tagDim('t', 'tagged', "''", d, `${ticket} AND ${left} = ${d === 1 ? 1 : 0}`)}`;
}

const CREATED_KEY = ['tenant_id', 'created_at', 'department_id', 'assignee_id', 'first_response_at'];
const TAG_KEY = ['tenant_id', 'created_at', 'department_id', 'assignee_id'];
const SOLVED_KEY = ['tenant_id', 'created_at', 'resolved_at', 'department_id', 'assignee_id', 'first_response_breached_at', 'resolution_breached_at'];
const changed = (cols: readonly string[]) => cols.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

export async function sqliteTriggers(db: Db): Promise<void> {
  const dimCols = DIMS.map(([n]) => n);
  const moveDims = DIMS.map(([n, e]) => {
    const only = `${dimValue('OLD', e)} IS NOT ${dimValue('NEW', e)}`;
    return `${dim('OLD', -1, n, e, only)}\n${dim('NEW', 1, n, e, only)}`;
  }).join('\n');
  for (const statement of [
    `CREATE TRIGGER report_days_insert AFTER INSERT ON tickets BEGIN ${created('NEW', 1)} ${allDims('NEW', 1)} ${solved('NEW', 1)} END`,
    `CREATE TRIGGER report_days_delete AFTER DELETE ON tickets BEGIN ${created('OLD', -1)} ${allDims('OLD', -1)} ${solved('OLD', -1)} END`,
    `CREATE TRIGGER report_days_update_created AFTER UPDATE OF ${CREATED_KEY.join(', ')} ON tickets WHEN ${changed(CREATED_KEY)}
      BEGIN ${created('OLD', -1)} ${allDims('OLD', -1)} ${created('NEW', 1)} ${allDims('NEW', 1)} END`,
    // The day and owner unchanged, only what the distribution counts by: move those counts alone.
    `CREATE TRIGGER report_days_update_dims AFTER UPDATE OF ${dimCols.join(', ')} ON tickets
      WHEN NOT (${changed(CREATED_KEY)}) AND (${changed(dimCols)}) BEGIN ${moveDims} END`,
    `CREATE TRIGGER report_days_update_solved AFTER UPDATE OF ${SOLVED_KEY.join(', ')} ON tickets WHEN ${changed(SOLVED_KEY)}
      BEGIN ${solved('OLD', -1)} ${solved('NEW', 1)} END`,
    `CREATE TRIGGER report_days_update_tags AFTER UPDATE OF ${TAG_KEY.join(', ')} ON tickets WHEN ${changed(TAG_KEY)}
      BEGIN ${ticketTags('OLD', -1)} ${ticketTags('NEW', 1)} END`,
    // Before: a delete cascades to ticket_tags, whose trigger then finds no ticket and counts nothing.
    `CREATE TRIGGER report_days_delete_tags BEFORE DELETE ON tickets BEGIN ${ticketTags('OLD', -1)} END`,
    `CREATE TRIGGER report_days_tag_insert AFTER INSERT ON ticket_tags BEGIN ${tagChange('NEW', 1)} END`,
    `CREATE TRIGGER report_days_tag_delete AFTER DELETE ON ticket_tags BEGIN ${tagChange('OLD', -1)} END`,
  ]) await sql.raw(statement).execute(db);
}

export const SQLITE_TRIGGERS = ['report_days_insert', 'report_days_delete', 'report_days_update_created', 'report_days_update_dims', 'report_days_update_solved',
  'report_days_update_tags', 'report_days_delete_tags'];
