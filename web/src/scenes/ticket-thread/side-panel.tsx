/**
 * The agent's side panel on a ticket (issue 10): status, priority, department (transfer),
 * assignee, category, tags, recipients, and the requester with their other tickets. Each
 * control saves on its own: the change shows at once and is taken back if the server
 * refuses it, with the error next to that control. Customers never get this panel.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, Ticket } from '../../api/types.ts';
import { Field } from '../../components/field.tsx';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../components/labels.ts';
import { usePortal } from '../../hooks/use-portal.ts';
import { RequestError } from '../../components/request-error.tsx';
import { useDepartments } from '../../hooks/use-departments.ts';
import { useFormat } from '../../hooks/use-format.ts';
import { useUpdateTicket } from './queries.ts';
import { SidePanelListEditor } from './side-panel-list-editor.tsx';
import { useAssignableUsers, useTags } from './side-panel-queries.ts';
import { SidePanelRequester } from './side-panel-requester.tsx';
import { SlaDetails } from '../../components/sla-due.tsx';
import { SatisfactionSection } from '../satisfaction/satisfaction-section.tsx';
import './side-panel.css';

type Props = { ticket: Ticket; me: Me };

export function SidePanel({ ticket, me }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const tags = useTags();
  return (
    <div className="side-panel">
      <div className="side-panel-section">
        <StatusPriority ticket={ticket} />
        <DepartmentSelect ticket={ticket} />
        <AssigneeSelect ticket={ticket} me={me} />
        <CategoryField ticket={ticket} />
        <p className="side-panel-opened">{t('Opened')} <time dateTime={ticket.created_at}>{format.date(ticket.created_at)}</time></p>
      </div>
      <div className="side-panel-section"><SlaDetails ticket={ticket} /></div>
      <SidePanelListEditor ticket={ticket} field="tags" title={t('Tags')} addLabel={t('Add a tag')} empty={t('No tags')}
        removeLabel={(item) => t('Remove tag {{item}}', { item })} suggestions={(tags.data ?? []).map((x) => x.name)} />
      <SidePanelListEditor ticket={ticket} field="recipients" title={t('Recipients')} addLabel={t('Add a recipient (email)')}
        empty={t('No other recipients')} inputType="email" removeLabel={(item) => t('Remove recipient {{item}}', { item })} />
      <SidePanelRequester ticket={ticket} />
      <SatisfactionSection ticketId={ticket.id} status={ticket.status} />
    </div>
  );
}

function StatusPriority({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const status = useUpdateTicket(ticket.id);
  const priority = useUpdateTicket(ticket.id);
  return (
    <>
      <Field id="ticket-status" label={t('Status')}>
        <select value={ticket.status} disabled={status.isPending}
          onChange={(e) => { const v = e.target.value as Ticket['status']; status.mutate({ body: { status: v }, shown: { status: v } }); }}>
          {Object.entries(STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
        </select>
      </Field>
      <RequestError error={status.error} />
      <Field id="ticket-priority" label={t('Priority')}>
        <select value={ticket.priority} disabled={priority.isPending}
          onChange={(e) => { const v = e.target.value as Ticket['priority']; priority.mutate({ body: { priority: v }, shown: { priority: v } }); }}>
          {Object.entries(PRIORITY_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
        </select>
      </Field>
      <RequestError error={priority.error} />
    </>
  );
}

function DepartmentSelect({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.id);
  const departments = useDepartments();
  const list = departments.data ?? [];
  const options = list.some((d) => d.id === ticket.department.id) ? list : [ticket.department, ...list];
  const transfer = (id: number) => {
    const to = options.find((d) => d.id === id);
    if (to) update.mutate({ body: { department: to.id }, shown: { department: { id: to.id, name: to.name, slug: to.slug } } });
  };
  return (
    <>
      <Field id="side-panel-department" label={t('Department')}>
        <select value={ticket.department.id} disabled={update.isPending} onChange={(e) => transfer(Number(e.target.value))}>
          {options.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>
      </Field>
      <RequestError error={update.error ?? departments.error} />
    </>
  );
}

function AssigneeSelect({ ticket, me }: Props) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.id);
  const users = useAssignableUsers();
  const list = users.data ?? [];
  const current = ticket.assignee;
  const options = !current || list.some((u) => u.id === current.id) ? list : [{ ...current, is_active: true }, ...list];
  const assign = (id: string) => {
    const to = id ? options.find((u) => u.id === id) : null;
    if (to === undefined) return;
    update.mutate({ body: { assignee: to?.id ?? null }, shown: { assignee: to && { id: to.id, name: to.name, email: to.email, role: to.role } } });
  };
  return (
    <>
      <Field id="side-panel-assignee" label={t('Assignee')}>
        <select value={current?.id ?? ''} disabled={update.isPending} onChange={(e) => assign(e.target.value)}>
          <option value="">{t('Unassigned')}</option>
          {options.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </Field>
      {current?.id !== me.id && (
        <button type="button" className="button side-panel-take" disabled={update.isPending}
          onClick={() => update.mutate({ body: { assignee: me.id }, shown: { assignee: { id: me.id, name: me.name, email: me.email, role: me.role } } })}>
          {t('Assign to me')}
        </button>
      )}
      <RequestError error={update.error ?? users.error} />
    </>
  );
}

/** The tenant's categories as a list to choose from (an empty list in the settings means any word goes: then it is typed). */
function CategoryField({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.id);
  const categories = usePortal().data?.categories ?? [];
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? ticket.category ?? '';
  const save = (e: FormEvent) => {
    e.preventDefault();
    const category = value.trim() || null;
    setDraft(null);
    if (category !== ticket.category) update.mutate({ body: { category }, shown: { category } });
  };
  const choices = ticket.category && !categories.includes(ticket.category) ? [...categories, ticket.category] : categories;
  return (
    <form className="side-panel-category" onSubmit={save}>
      <Field id="side-panel-category" label={t('Category')}>
        {categories.length > 0 ? (
          <select value={value} onChange={(e) => setDraft(e.target.value)}>
            <option value="">{t('No category')}</option>
            {choices.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        ) : (
          <input value={value} maxLength={60} onChange={(e) => setDraft(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="button" disabled={update.isPending || draft === null}>{t('Save category')}</button>
      <RequestError error={update.error} />
    </form>
  );
}
