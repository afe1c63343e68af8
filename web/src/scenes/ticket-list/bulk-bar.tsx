/**
 * One change on the selected tickets (or on every ticket the filter finds): status,
 * priority, department, assignee, tags added or removed, chosen together and applied
 * with one request (POST /tickets/api/tickets/bulk/). The answer is said in words: how
 * many changed, how many were already so, and which failed and why. A very large set
 * answers with a job (202): "Updating…", and the list is re-read as it finishes.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../components/labels.ts';
import { RequestError } from '../../components/request-error.tsx';
import { useDepartments } from '../../hooks/use-departments.ts';
import { useBulkUpdate, type BulkOutcome } from './queries.ts';
import type { BulkChanges } from './types.ts';
import type { Filters } from './use-list-filters.ts';
import { useStaff } from './use-staff.ts';

interface Props {
  /** The tickets chosen one by one, or null for "every ticket the filter finds". */
  ids: string[] | null;
  filters: Filters;
  /** How many are chosen, as shown ("999+" for a large filter). */
  howMany: string;
  meId: string;
  /** Whether anything is chosen: without, only the outcome of the last change is shown. */
  active: boolean;
  onClear: () => void;
  onDone: () => void;
}

const tagList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export function BulkBar({ ids, filters, howMany, meId, active, onClear, onDone }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments().data ?? [];
  const people = useStaff(true).data ?? [];
  const bulk = useBulkUpdate();
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [department, setDepartment] = useState('');
  const [assignee, setAssignee] = useState('');
  const [addTags, setAddTags] = useState('');
  const [removeTags, setRemoveTags] = useState('');
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);

  const changes: BulkChanges = {
    ...(status && { status: status as BulkChanges['status'] }),
    ...(priority && { priority: priority as BulkChanges['priority'] }),
    ...(department && { department: Number(department) }),
    ...(assignee && { assignee: assignee === 'none' ? null : assignee === 'me' ? meId : assignee }),
    ...(tagList(addTags).length && { add_tags: tagList(addTags) }),
    ...(tagList(removeTags).length && { remove_tags: tagList(removeTags) }),
  };
  const nothing = Object.keys(changes).length === 0;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (nothing) return;
    const { sort: _sort, ...filter } = filters;
    setOutcome(null);
    bulk.mutate(ids ? { ids, changes } : { filter, changes }, {
      onSuccess: (answer) => {
        setOutcome(answer);
        setStatus(''); setPriority(''); setDepartment(''); setAssignee(''); setAddTags(''); setRemoveTags('');
        onDone();
      },
    });
  };

  const select = (label: string, value: string, set: (v: string) => void, options: Array<[string, string]>) => (
    <label className="filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)}>
        <option value="">{t('No change')}</option>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );

  return (
    <section className={active ? 'bulk-bar' : 'bulk-bar idle'} aria-label={t('Change the selected tickets')}>
      {active && <form onSubmit={apply}>
        <p className="bulk-count"><strong>{t('{{n}} selected', { n: howMany })}</strong>{' '}
          <button type="button" className="link-button" onClick={onClear}>{t('Clear selection')}</button>
        </p>
        <div className="filters">
          {select(t('Set status'), status, setStatus, Object.entries(STATUS_LABELS).map(([v, l]) => [v, t(l)]))}
          {select(t('Set priority'), priority, setPriority, Object.entries(PRIORITY_LABELS).map(([v, l]) => [v, t(l)]))}
          {select(t('Move to department'), department, setDepartment, departments.map((d) => [String(d.id), d.name]))}
          {select(t('Assign to'), assignee, setAssignee, [['me', t('Me')], ['none', t('Nobody (unassign)')], ...people.map((p) => [p.id, p.name] as [string, string])])}
          <label className="filter"><span>{t('Add tags')}</span><input value={addTags} onChange={(e) => setAddTags(e.target.value)} placeholder={t('tag1, tag2')} /></label>
          <label className="filter"><span>{t('Remove tags')}</span><input value={removeTags} onChange={(e) => setRemoveTags(e.target.value)} placeholder={t('tag1, tag2')} /></label>
          <button type="submit" className="button primary" disabled={nothing || bulk.isPending}>{t('Apply to {{n}} tickets', { n: howMany })}</button>
        </div>
      </form>}
      <div role="status" className="bulk-outcome">
        {bulk.isPending && t('Updating…')}
        {outcome && 'job' in outcome && t('Updating… The list is read again when it is done.')}
        {outcome && 'done' in outcome && <BulkResultText result={outcome.done} />}
      </div>
      <RequestError error={bulk.error} />
    </section>
  );
}

function BulkResultText({ result }: { result: Extract<BulkOutcome, { done: unknown }>['done'] }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('Updated: {{updated}}. Already so: {{unchanged}}. Failed: {{failed}}.', { updated: result.updated, unchanged: result.unchanged, failed: result.failed.length })}</p>
      {result.failed.length > 0 && (
        <ul className="bulk-failures">
          {result.failed.map((f) => <li key={f.id}>{f.number}: {f.error}</li>)}
        </ul>
      )}
    </>
  );
}
