/**
 * Migration 030 on PostgreSQL: SQL functions for a ticket's local day, durations and
 * histogram buckets, trigger functions on `tickets` and `ticket_tags`. Like migration 028, each
 * connection adds to its own shard (pg_backend_pid() % 16), so concurrent writes on the
 * same day, department and assignee do not queue on one rollup row; readers sum the shards.
 */
import { sql, type Kysely } from 'kysely';
import { BUCKET_LN, type RollupSql } from './030-report-days-model.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Db = Kysely<any>;

export const postgresSql: RollupSql = {
  // Inline (what report_local_day computes), for the rebuild's one query over every ticket.
  day: (tenant, at) => `to_char((${at} AT TIME ZONE 'UTC') + COALESCE((SELECT o.offset_minutes FROM report_day_offsets o
    WHERE o.tenant_id = ${tenant} AND o.starts_at <= ${at} ORDER BY o.starts_at DESC LIMIT 1), 0) * interval '1 minute', 'YYYY-MM-DD')`,
  ms: (from, to) => `report_duration_ms(${from}, ${to})`,
  bucket: (ms) => `report_bucket(${ms})`,
  jsonAgg: (key, value) => `jsonb_object_agg(${key}::text, ${value}) FILTER (WHERE ${key} IS NOT NULL)`,
  emptyJson: `'{}'::jsonb`,
  upsertWhere: '',
};

const KEY = 'tenant_id, day, department_id, assignee_id, shard';
const MONTH_KEY = 'tenant_id, month, department_id, assignee_id, shard';
const DIM_KEY = 'tenant_id, dim, day, department_id, assignee_id, shard, value';
const add = (col: string, k: string, v: string, table = 'report_days') => `${table}.${col} || jsonb_build_object(${k}, COALESCE((${table}.${col} ->> ${k})::bigint, 0) + ${v})`;

export async function postgresTriggers(db: Db): Promise<void> {
  for (const statement of [
    // plpgsql, not sql: called from the triggers one row at a time, its plan is then cached.
    `CREATE OR REPLACE FUNCTION report_local_day(t text, at timestamptz) RETURNS text LANGUAGE plpgsql STABLE AS $$
    DECLARE off integer;
    BEGIN
      SELECT o.offset_minutes INTO off FROM report_day_offsets o WHERE o.tenant_id = t AND o.starts_at <= at ORDER BY o.starts_at DESC LIMIT 1;
      RETURN to_char((at AT TIME ZONE 'UTC') + COALESCE(off, 0) * interval '1 minute', 'YYYY-MM-DD');
    END $$`,
    `CREATE OR REPLACE FUNCTION report_duration_ms(a timestamptz, b timestamptz) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
      SELECT round(extract(epoch FROM (b - a)) * 1000)::bigint
    $$`,
    `CREATE OR REPLACE FUNCTION report_bucket(ms bigint) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN ms < 1000 THEN 0 ELSE 1 + floor(ln(ms / 1000.0) / ${BUCKET_LN})::integer END
    $$`,
    // The ticket counted as created on its day (count, first-response histogram, dimensions).
    `CREATE OR REPLACE FUNCTION report_add_created(r tickets, d integer) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      dy text := report_local_day(r.tenant_id, r.created_at);
      a text := COALESCE(r.assignee_id, '');
      s integer := pg_backend_pid() % 16;
      m bigint := report_duration_ms(r.created_at, r.first_response_at);
      b text := report_bucket(m)::text;
    BEGIN
      INSERT INTO report_days (${KEY}, created, solved, breached, fr_n, fr_s, res_n, res_s)
      VALUES (r.tenant_id, dy, r.department_id, a, s, d, 0, 0,
        CASE WHEN m IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(b, d) END,
        CASE WHEN m IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(b, d * m) END, '{}'::jsonb, '{}'::jsonb)
      ON CONFLICT (${KEY}) DO UPDATE SET created = report_days.created + d,
        fr_n = CASE WHEN m IS NULL THEN report_days.fr_n ELSE ${add('fr_n', 'b', 'd')} END,
        fr_s = CASE WHEN m IS NULL THEN report_days.fr_s ELSE ${add('fr_s', 'b', 'd * m')} END;
      IF m IS NOT NULL THEN
        INSERT INTO report_months (${MONTH_KEY}, fr_n, fr_s, res_n, res_s)
        VALUES (r.tenant_id, substr(dy, 1, 7), r.department_id, a, s, jsonb_build_object(b, d), jsonb_build_object(b, d * m), '{}'::jsonb, '{}'::jsonb)
        ON CONFLICT (${MONTH_KEY}) DO UPDATE SET fr_n = ${add('fr_n', 'b', 'd', 'report_months')}, fr_s = ${add('fr_s', 'b', 'd * m', 'report_months')};
      END IF;
      INSERT INTO report_day_dims (${DIM_KEY}, count)
      VALUES (r.tenant_id, 'category', dy, r.department_id, a, s, COALESCE(r.category, ''), d), (r.tenant_id, 'channel', dy, r.department_id, a, s, r.channel, d),
        (r.tenant_id, 'priority', dy, r.department_id, a, s, r.priority, d), (r.tenant_id, 'status', dy, r.department_id, a, s, r.status, d)
      ON CONFLICT (${DIM_KEY}) DO UPDATE SET count = report_day_dims.count + d;
    END $$`,
    // The ticket counted as solved on the day of resolved_at, when set.
    `CREATE OR REPLACE FUNCTION report_add_solved(r tickets, d integer) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      dy text;
      a text := COALESCE(r.assignee_id, '');
      s integer := pg_backend_pid() % 16;
      m bigint := report_duration_ms(r.created_at, r.resolved_at);
      b text := report_bucket(m)::text;
      br integer := CASE WHEN r.first_response_breached_at IS NOT NULL OR r.resolution_breached_at IS NOT NULL THEN 1 ELSE 0 END;
    BEGIN
      IF r.resolved_at IS NULL THEN RETURN; END IF;
      dy := report_local_day(r.tenant_id, r.resolved_at);
      INSERT INTO report_days (${KEY}, created, solved, breached, fr_n, fr_s, res_n, res_s)
      VALUES (r.tenant_id, dy, r.department_id, a, s, 0, d, d * br, '{}'::jsonb, '{}'::jsonb, jsonb_build_object(b, d), jsonb_build_object(b, d * m))
      ON CONFLICT (${KEY}) DO UPDATE SET solved = report_days.solved + d, breached = report_days.breached + d * br,
        res_n = ${add('res_n', 'b', 'd')}, res_s = ${add('res_s', 'b', 'd * m')};
      INSERT INTO report_months (${MONTH_KEY}, fr_n, fr_s, res_n, res_s)
      VALUES (r.tenant_id, substr(dy, 1, 7), r.department_id, a, s, '{}'::jsonb, '{}'::jsonb, jsonb_build_object(b, d), jsonb_build_object(b, d * m))
      ON CONFLICT (${MONTH_KEY}) DO UPDATE SET res_n = ${add('res_n', 'b', 'd', 'report_months')}, res_s = ${add('res_s', 'b', 'd * m', 'report_months')};
    END $$`,
    // Only what the distribution counts by changed (status, priority, channel, category): move those counts alone.
    `CREATE OR REPLACE FUNCTION report_move_dims(o tickets, n tickets) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO report_day_dims (${DIM_KEY}, count)
      SELECT n.tenant_id, v.dim, report_local_day(n.tenant_id, n.created_at), n.department_id, COALESCE(n.assignee_id, ''), pg_backend_pid() % 16, v.value, SUM(v.d)
      FROM (VALUES ('status', o.status, -1), ('status', n.status, 1), ('priority', o.priority, -1), ('priority', n.priority, 1),
        ('channel', o.channel, -1), ('channel', n.channel, 1), ('category', COALESCE(o.category, ''), -1), ('category', COALESCE(n.category, ''), 1)) AS v(dim, value, d)
      GROUP BY v.dim, v.value HAVING SUM(v.d) <> 0
      ON CONFLICT (${DIM_KEY}) DO UPDATE SET count = report_day_dims.count + excluded.count;
    END $$`,
    // The tags of a ticket under its created day ('tag', the tag id), and once per tagged ticket ('tagged').
    `CREATE OR REPLACE FUNCTION report_add_tags(r tickets, d integer) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      dy text := report_local_day(r.tenant_id, r.created_at);
      s integer := pg_backend_pid() % 16;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.tenant_id = r.tenant_id AND tt.ticket_id = r.id) THEN RETURN; END IF;
      INSERT INTO report_day_dims (${DIM_KEY}, count)
      SELECT r.tenant_id, 'tag', dy, r.department_id, COALESCE(r.assignee_id, ''), s, tt.tag_id::text, d
      FROM ticket_tags tt WHERE tt.tenant_id = r.tenant_id AND tt.ticket_id = r.id
      UNION ALL SELECT r.tenant_id, 'tagged', dy, r.department_id, COALESCE(r.assignee_id, ''), s, '', d
      ON CONFLICT (${DIM_KEY}) DO UPDATE SET count = report_day_dims.count + excluded.count;
    END $$`,
    // Before a delete: the delete cascades to ticket_tags, whose trigger then finds no ticket.
    `CREATE OR REPLACE FUNCTION report_days_before_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM report_add_tags(OLD, -1);
      RETURN OLD;
    END $$`,
    // Tags added or taken, per statement (row triggers would all see the statement's every row):
    // a ticket becomes 'tagged' when all its tags are new, untagged when none is left.
    `CREATE OR REPLACE FUNCTION report_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE d integer := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
    BEGIN
      INSERT INTO report_day_dims (${DIM_KEY}, count)
      SELECT t.tenant_id, x.dim, report_local_day(t.tenant_id, t.created_at), t.department_id, COALESCE(t.assignee_id, ''), pg_backend_pid() % 16, x.value, SUM(d)
      FROM (
        SELECT c.tenant_id, c.ticket_id, 'tag' AS dim, c.tag_id::text AS value FROM changed c
        UNION ALL
        SELECT c.tenant_id, c.ticket_id, 'tagged', '' FROM changed c GROUP BY c.tenant_id, c.ticket_id
        HAVING (SELECT COUNT(*) FROM ticket_tags tt WHERE tt.tenant_id = c.tenant_id AND tt.ticket_id = c.ticket_id) = CASE WHEN d = 1 THEN COUNT(*) ELSE 0 END
      ) x JOIN tickets t ON t.tenant_id = x.tenant_id AND t.id = x.ticket_id
      GROUP BY 1, 2, 3, 4, 5, 6, 7
      ON CONFLICT (${DIM_KEY}) DO UPDATE SET count = report_day_dims.count + excluded.count;
      RETURN NULL;
    END $$`,
    // An update moves the ticket's figures: the rollup rows it touches are changed in key
    // order (day, department, assignee), so two transactions moving tickets in opposite
    // directions through the same shard cannot deadlock on them (as in migration 028).
    `CREATE OR REPLACE FUNCTION report_days_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      moved_created boolean;
      moved_dims boolean;
      moved_solved boolean;
      moved_tags boolean;
      op record;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM report_add_created(NEW, 1); PERFORM report_add_solved(NEW, 1);
        RETURN NULL;
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM report_add_created(OLD, -1); PERFORM report_add_solved(OLD, -1);
        RETURN NULL;
      END IF;
      moved_tags := ROW(OLD.tenant_id, OLD.created_at, OLD.department_id, OLD.assignee_id) IS DISTINCT FROM ROW(NEW.tenant_id, NEW.created_at, NEW.department_id, NEW.assignee_id);
      moved_created := moved_tags OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at;
      moved_dims := NOT moved_created AND ROW(OLD.status, OLD.priority, OLD.channel, OLD.category) IS DISTINCT FROM ROW(NEW.status, NEW.priority, NEW.channel, NEW.category);
      moved_solved := ROW(OLD.tenant_id, OLD.created_at, OLD.resolved_at, OLD.department_id, OLD.assignee_id, OLD.first_response_breached_at, OLD.resolution_breached_at)
        IS DISTINCT FROM ROW(NEW.tenant_id, NEW.created_at, NEW.resolved_at, NEW.department_id, NEW.assignee_id, NEW.first_response_breached_at, NEW.resolution_breached_at);
      IF moved_dims AND NOT moved_solved THEN
        PERFORM report_move_dims(OLD, NEW); -- one key: nothing to order
        RETURN NULL;
      END IF;
      FOR op IN SELECT v.n FROM (VALUES
          (1, moved_created, OLD.tenant_id, OLD.created_at, OLD.department_id, OLD.assignee_id),
          (2, moved_created, NEW.tenant_id, NEW.created_at, NEW.department_id, NEW.assignee_id),
          (3, moved_solved AND OLD.resolved_at IS NOT NULL, OLD.tenant_id, OLD.resolved_at, OLD.department_id, OLD.assignee_id),
          (4, moved_solved AND NEW.resolved_at IS NOT NULL, NEW.tenant_id, NEW.resolved_at, NEW.department_id, NEW.assignee_id),
          (5, moved_dims, NEW.tenant_id, NEW.created_at, NEW.department_id, NEW.assignee_id)
        ) AS v(n, wanted, t, at, d, a)
        WHERE v.wanted ORDER BY v.t, report_local_day(v.t, v.at), v.d, COALESCE(v.a, ''), v.n
      LOOP
        CASE op.n
          WHEN 1 THEN PERFORM report_add_created(OLD, -1); IF moved_tags THEN PERFORM report_add_tags(OLD, -1); END IF;
          WHEN 2 THEN PERFORM report_add_created(NEW, 1); IF moved_tags THEN PERFORM report_add_tags(NEW, 1); END IF;
          WHEN 3 THEN PERFORM report_add_solved(OLD, -1);
          WHEN 4 THEN PERFORM report_add_solved(NEW, 1);
          ELSE PERFORM report_move_dims(OLD, NEW);
        END CASE;
      END LOOP;
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER report_days_insert_delete AFTER INSERT OR DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION report_days_apply()`,
    `CREATE TRIGGER report_days_before_delete BEFORE DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION report_days_before_delete()`,
    `CREATE TRIGGER report_days_tags_insert AFTER INSERT ON ticket_tags REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_tags_changed()`,
    `CREATE TRIGGER report_days_tags_delete AFTER DELETE ON ticket_tags REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_tags_changed()`,
    `CREATE TRIGGER report_days_update AFTER UPDATE OF tenant_id, created_at, department_id, assignee_id, first_response_at, status, priority, channel, category,
      resolved_at, first_response_breached_at, resolution_breached_at ON tickets FOR EACH ROW EXECUTE FUNCTION report_days_apply()`,
  ]) await sql.raw(statement).execute(db);
}
