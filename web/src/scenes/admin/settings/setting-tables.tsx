/**
 * The settings that are small tables: the sender address and the new-ticket mail, each by
 * default and per department (a department row may follow the default), and the SLA targets
 * per priority. Each hands the whole new value up; nothing is saved here.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITY_LABELS } from '../../../components/labels.ts';
import { useDepartments } from '../../../hooks/use-departments.ts';
import type { TenantSettings } from '../people-shared/types.ts';

interface TableProps { id: string; label: string; hint: string; value: unknown; onChange: (value: unknown) => void; error?: string }
type Outgoing = TenantSettings['outgoing_mails_per_department'];
type Notifications = TenantSettings['department_notifications'];
type Sla = TenantSettings['sla_targets'];
type Flags = Notifications['default'];

const SENDERS: Record<Outgoing['default'], string> = { receiving_email: 'The address the mail came in on', logged_in_user: "The agent's own address" };
const FLAGS: Record<keyof Flags, string> = { send_confirmation: 'Confirmation to the requester', notify_agents_on_new_ticket: 'Tell the agents' };

/** The frame of each table: a group named by the setting, its explanation and its error. */
function SettingTable({ id, label, hint, error, children }: Omit<TableProps, 'value' | 'onChange'> & { children: ReactNode }) {
  return (
    <div className="field setting-table" role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
      <span id={`${id}-label`} className="setting-table-label">{label}</span>
      <small id={`${id}-hint`} className="hint">{hint}</small>
      <div className="admin-table-wrap">{children}</div>
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}

/** Without a department entry, the key is left out: the department follows the default. */
function withEntry<T>(map: Record<string, T>, slug: string, entry: T | undefined): Record<string, T> {
  const next = { ...map };
  if (entry === undefined) delete next[slug]; else next[slug] = entry;
  return next;
}

export function OutgoingMap(props: TableProps) {
  const { t } = useTranslation();
  const departments = useDepartments().data ?? [];
  const value = props.value as Outgoing;
  const set = (slug: string | null, sender: string) => props.onChange(slug === null
    ? { ...value, default: sender }
    : { ...value, departments: withEntry(value.departments, slug, (sender || undefined) as Outgoing['default'] | undefined) });
  return (
    <SettingTable {...props}>
      <table className="admin-table setting-grid">
        <thead><tr><th scope="col">{t('Department')}</th><th scope="col">{t('Sender address')}</th></tr></thead>
        <tbody>
          <tr>
            <th scope="row">{t('Default')}</th>
            <td><select aria-label={t('{{department}}: sender address', { department: t('Default') })} value={value.default} onChange={(e) => set(null, e.target.value)}>
              {Object.entries(SENDERS).map(([v, text]) => <option key={v} value={v}>{t(text)}</option>)}
            </select></td>
          </tr>
          {departments.map((d) => (
            <tr key={d.slug}>
              <th scope="row">{d.name}</th>
              <td><select aria-label={t('{{department}}: sender address', { department: d.name })} value={value.departments[d.slug] ?? ''} onChange={(e) => set(d.slug, e.target.value)}>
                <option value="">{t('As the default')}</option>
                {Object.entries(SENDERS).map(([v, text]) => <option key={v} value={v}>{t(text)}</option>)}
              </select></td>
            </tr>
          ))}
        </tbody>
      </table>
    </SettingTable>
  );
}

export function NotificationsMap(props: TableProps) {
  const { t } = useTranslation();
  const departments = useDepartments().data ?? [];
  const value = props.value as Notifications;
  const setDefault = (flag: keyof Flags, on: boolean) => props.onChange({ ...value, default: { ...value.default, [flag]: on } });
  const setDept = (slug: string, flag: keyof Flags, choice: string) => {
    const entry: Partial<Flags> = { ...value.departments[slug], [flag]: choice === '' ? undefined : choice === 'yes' };
    const kept = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
    props.onChange({ ...value, departments: withEntry(value.departments, slug, Object.keys(kept).length ? kept : undefined) });
  };
  const flags = Object.keys(FLAGS) as Array<keyof Flags>;
  return (
    <SettingTable {...props}>
      <table className="admin-table setting-grid">
        <thead><tr><th scope="col">{t('Department')}</th>{flags.map((f) => <th key={f} scope="col">{t(FLAGS[f])}</th>)}</tr></thead>
        <tbody>
          <tr>
            <th scope="row">{t('Default')}</th>
            {flags.map((f) => (
              <td key={f}><input type="checkbox" className="setting-check" checked={value.default[f]} onChange={(e) => setDefault(f, e.target.checked)}
                aria-label={t('{{department}}: {{what}}', { department: t('Default'), what: t(FLAGS[f]) })} /></td>
            ))}
          </tr>
          {departments.map((d) => (
            <tr key={d.slug}>
              <th scope="row">{d.name}</th>
              {flags.map((f) => {
                const v = value.departments[d.slug]?.[f];
                return (
                  <td key={f}><select value={v === undefined ? '' : v ? 'yes' : 'no'} onChange={(e) => setDept(d.slug, f, e.target.value)}
                    aria-label={t('{{department}}: {{what}}', { department: d.name, what: t(FLAGS[f]) })}>
                    <option value="">{t('As the default')}</option>
                    <option value="yes">{t('Yes')}</option>
                    <option value="no">{t('No')}</option>
                  </select></td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </SettingTable>
  );
}

export function SlaTable(props: TableProps) {
  const { t } = useTranslation();
  const value = props.value as Sla;
  const columns = { first_response_hours: 'First response (hours)', resolution_hours: 'Resolution (hours)' } as const;
  const set = (priority: keyof Sla, column: keyof typeof columns, text: string) =>
    props.onChange({ ...value, [priority]: { ...value[priority], [column]: text.trim() === '' ? null : Number(text) } });
  const priorities = (Object.keys(PRIORITY_LABELS) as Array<keyof Sla>).reverse();
  return (
    <SettingTable {...props}>
      <table className="admin-table setting-grid">
        <thead><tr><th scope="col">{t('Priority')}</th>{Object.values(columns).map((c) => <th key={c} scope="col">{t(c)}</th>)}</tr></thead>
        <tbody>
          {priorities.map((p) => (
            <tr key={p}>
              <th scope="row">{t(PRIORITY_LABELS[p])}</th>
              {(Object.keys(columns) as Array<keyof typeof columns>).map((c) => (
                <td key={c}><input type="number" min={0.1} step="any" className="setting-number" value={value[p]?.[c] ?? ''}
                  aria-label={t('{{priority}}: {{what}}', { priority: t(PRIORITY_LABELS[p]), what: t(columns[c]) })}
                  onChange={(e) => set(p, c, e.target.value)} /></td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </SettingTable>
  );
}
