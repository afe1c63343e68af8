/**
 * /tickets/new/: open a ticket. Errors show next to their field as the person types; a refused send keeps everything typed.
 * The helpdesk's categories (GET portal/) offer a select when there are any; files are checked against its limits before upload.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, withFiles } from '../../api/client.ts';
import type { CreateTicket, Ticket } from '../../api/types.ts';
import { Field } from '../../components/field.tsx';
import { PRIORITY_LABELS } from '../../components/labels.ts';
import { RequestError } from '../../components/request-error.tsx';
import { useDepartments } from '../../hooks/use-departments.ts';
import { usePortal } from '../../hooks/use-portal.ts';
import { useTitle } from '../../hooks/use-title.ts';
import { AttachmentPicker } from './attachment-picker.tsx';
import { API_FIELD_MESSAGES, API_FIELDS, multipartFields, newTicketForm, toCreateTicket, type NewTicketForm } from './new-ticket-form.ts';
import './new-ticket.css';

export function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const portal = usePortal();
  const categories = portal.data?.categories ?? [];
  useTitle(t('New ticket'));
  const { register, handleSubmit, setError, setValue, getValues, formState: { errors } } = useForm<NewTicketForm>({
    resolver: zodResolver(newTicketForm), mode: 'onTouched', defaultValues: { subject: '', department: '', priority: 'medium', category: '', body: '' },
  });
  const [files, setFiles] = useState<File[]>([]);
  const create = useMutation({
    mutationFn: (body: CreateTicket) => api<Ticket>('POST', '/tickets/', withFiles(multipartFields(body), files)),
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
      navigate(`/${ticket.id}/`);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      for (const e of error.problem?.errors ?? []) {
        const field = API_FIELDS[e.field];
        if (field) setError(field, { message: API_FIELD_MESSAGES[field] });
      }
    },
  });
  // One department: nothing to choose.
  useEffect(() => {
    const only = departments.data?.length === 1 ? departments.data[0] : undefined;
    if (only && !getValues('department')) setValue('department', String(only.id));
  }, [departments.data, getValues, setValue]);

  return (
    <section aria-labelledby="new-title" className="new-ticket">
      <h1 id="new-title">{t('New ticket')}</h1>
      <form noValidate onSubmit={handleSubmit((values) => create.mutate(toCreateTicket(values)))}>
        <Field id="subject" label={t('Subject')} error={errors.subject?.message} hint={t('A short description of the problem.')}>
          <input type="text" maxLength={500} {...register('subject')} />
        </Field>
        <Field id="department" label={t('Department')} error={errors.department?.message}>
          <select {...register('department')}>
            <option value="">{t('Choose…')}</option>
            {(departments.data ?? []).map((d) => <option key={d.id} value={String(d.id)}>{d.name}</option>)}
          </select>
        </Field>
        <Field id="priority" label={t('Priority')} error={errors.priority?.message}>
          <select {...register('priority')}>
            {Object.entries(PRIORITY_LABELS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
          </select>
        </Field>
        {categories.length > 0 && (
          <Field id="category" label={t('Category')} error={errors.category?.message}>
            <select {...register('category')}>
              <option value="">{t('No category')}</option>
              {categories.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </Field>
        )}
        <Field id="body" label={t('Message')} error={errors.body?.message} hint={t('What happened, what you expected, and any error message.')}>
          <textarea rows={10} {...register('body')} />
        </Field>
        <AttachmentPicker files={files} onChange={setFiles} limits={portal.data} />
        <RequestError error={create.error} />
        <button type="submit" className="button primary" disabled={create.isPending}>{t('Send ticket')}</button>
      </form>
    </section>
  );
}
