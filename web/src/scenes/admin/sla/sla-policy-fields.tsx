/** The fields of an SLA policy: name, scope, targets per priority, business hours per weekday, holidays, zone, pauses, near-breach mark. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { Field } from '../../../components/field.tsx';
import { PRIORITY_LABELS } from '../../../components/labels.ts';
import { useDepartments } from '../../../hooks/use-departments.ts';
import type { SlaDraft } from './sla-draft.ts';
import { PAUSE_LABELS, PRIORITY_ORDER, SCOPE_LABELS, WEEKDAYS } from './sla-types.ts';

interface Props { id: string; draft: SlaDraft; onChange: (d: SlaDraft) => void; errors: Record<string, string> }

export function SlaPolicyFields({ id, draft, onChange, errors }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments().data ?? [];
  const organisations = useQuery({
    queryKey: ['admin', 'organisations', 'all'], enabled: draft.scope === 'organisation', staleTime: 60_000,
    queryFn: () => api<{ results: Array<{ id: string; name: string }> }>('GET', '/organisations/?limit=200'),
  }).data?.results ?? [];
  const set = (patch: Partial<SlaDraft>) => onChange({ ...draft, ...patch });
  const setTarget = (priority: (typeof PRIORITY_ORDER)[number], which: 'first_response' | 'resolution', value: string) =>
    set({ targets: { ...draft.targets, [priority]: { ...draft.targets[priority], [which]: Number(value) } } });
  const setDay = (day: number, patch: Partial<SlaDraft['days'][number]>) => set({ days: draft.days.map((d, i) => (i === day ? { ...d, ...patch } : d)) });
  const togglePause = (s: SlaDraft['pauses'][number]) => set({ pauses: draft.pauses.includes(s) ? draft.pauses.filter((x) => x !== s) : [...draft.pauses, s] });
  return (
    <>
      <Field id={`${id}-name`} label={t('Name')} error={errors.name}>
        <input type="text" maxLength={120} required value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field id={`${id}-scope`} label={t('Applies to')} error={errors.scope}>
        <select value={draft.scope} onChange={(e) => set({ scope: e.target.value as SlaDraft['scope'] })}>
          {Object.entries(SCOPE_LABELS).map(([v, l]) => <option key={v} value={v}>{t(l)}</option>)}
        </select>
      </Field>
      {draft.scope === 'department' && (
        <Field id={`${id}-department`} label={t('Department')} error={errors.department_id}>
          <select value={draft.department} onChange={(e) => set({ department: e.target.value })}>
            <option value="">{t('Choose a department')}</option>
            {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </Field>
      )}
      {draft.scope === 'organisation' && (
        <Field id={`${id}-organisation`} label={t('Organisation')} error={errors.organisation_id}>
          <select value={draft.organisation} onChange={(e) => set({ organisation: e.target.value })}>
            <option value="">{t('Choose an organisation')}</option>
            {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </Field>
      )}
      <table className="admin-table sla-targets">
        <caption>{t('Targets in minutes of running time')}</caption>
        <thead><tr><th scope="col">{t('Priority')}</th><th scope="col">{t('First response')}</th><th scope="col">{t('Resolution')}</th></tr></thead>
        <tbody>
          {PRIORITY_ORDER.map((p) => (
            <tr key={p}>
              <th scope="row">{t(PRIORITY_LABELS[p])}</th>
              {(['first_response', 'resolution'] as const).map((which) => (
                <td key={which}>
                  <input type="number" min={1} required value={draft.targets[p][which]} onChange={(e) => setTarget(p, which, e.target.value)}
                    aria-label={t(which === 'first_response' ? 'First response for {{priority}} (minutes)' : 'Resolution for {{priority}} (minutes)', { priority: t(PRIORITY_LABELS[p]) })} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {errors.targets && <p className="field-error">{errors.targets}</p>}
      <label className="admin-check">
        <input type="checkbox" checked={draft.aroundTheClock} onChange={(e) => set({ aroundTheClock: e.target.checked })} /> {t('Around the clock (no business hours)')}
      </label>
      {!draft.aroundTheClock && (
        <fieldset className="sla-hours">
          <legend>{t('Business hours')}</legend>
          {draft.days.map((d, day) => (
            <div key={day} className="sla-day">
              <label className="admin-check"><input type="checkbox" checked={d.open} onChange={(e) => setDay(day, { open: e.target.checked })} /> {t(WEEKDAYS[day])}</label>
              <input type="time" aria-label={t('{{day}} opens', { day: t(WEEKDAYS[day]) })} disabled={!d.open} value={d.start} onChange={(e) => setDay(day, { start: e.target.value })} />
              <input type="time" aria-label={t('{{day}} closes', { day: t(WEEKDAYS[day]) })} disabled={!d.open} value={d.end === '24:00' ? '23:59' : d.end} onChange={(e) => setDay(day, { end: e.target.value })} />
            </div>
          ))}
          {errors.business_hours && <p className="field-error">{errors.business_hours}</p>}
          <Field id={`${id}-holidays`} label={t('Holidays')} hint={t('One date a line, as YYYY-MM-DD: the clock does not run on them.')} error={errors.business_hours}>
            <textarea rows={3} value={draft.holidays} onChange={(e) => set({ holidays: e.target.value })} />
          </Field>
        </fieldset>
      )}
      <Field id={`${id}-zone`} label={t('Time zone')} hint={t('An IANA time zone, like Europe/Madrid.')} error={errors.time_zone}>
        <input type="text" maxLength={64} value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
      </Field>
      <fieldset>
        <legend>{t('The clock stands still while the ticket is')}</legend>
        {Object.entries(PAUSE_LABELS).map(([s, l]) => (
          <label key={s} className="admin-check">
            <input type="checkbox" checked={draft.pauses.includes(s as SlaDraft['pauses'][number])} onChange={() => togglePause(s as SlaDraft['pauses'][number])} /> {t(l)}
          </label>
        ))}
      </fieldset>
      <Field id={`${id}-near`} label={t('Near-breach alert at (% of the target)')} error={errors.near_breach}>
        <input type="number" min={5} max={99} value={draft.nearBreachPercent} onChange={(e) => set({ nearBreachPercent: e.target.value })} />
      </Field>
    </>
  );
}
