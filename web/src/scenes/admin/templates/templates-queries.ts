/** The tenant's mail templates: all of them, one, save, reset and preview. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { MailPreview, MailTemplate } from '../people-shared/types.ts';

const all = ['admin', 'mail-templates'] as const;
const one = (id: string) => [...all, 'one', id] as const;
export interface TemplateDraft { subject: string; text: string; html: string }

export function useMailTemplates() {
  return useQuery({ queryKey: [...all, 'list'], queryFn: () => api<{ results: MailTemplate[] }>('GET', '/mail-templates/') });
}

export function useMailTemplate(id: string) {
  return useQuery({ queryKey: one(id), queryFn: () => api<MailTemplate>('GET', `/mail-templates/${id}/`) });
}

/** Save (PUT) or reset (DELETE): both answer the template as it now is. */
export function useChangeTemplate(id: string, how: 'save' | 'reset') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft?: TemplateDraft) => (how === 'save'
      ? api<MailTemplate>('PUT', `/mail-templates/${id}/`, draft)
      : api<MailTemplate>('DELETE', `/mail-templates/${id}/`)),
    onSuccess: (template) => {
      queryClient.setQueryData(one(id), (old: MailTemplate | undefined) => ({ ...template, builtin: template.builtin ?? old?.builtin }));
      void queryClient.invalidateQueries({ queryKey: [...all, 'list'] });
    },
  });
}

export function usePreview(id: string) {
  return useMutation({ mutationFn: (draft: TemplateDraft) => api<MailPreview>('POST', `/mail-templates/${id}/preview/`, draft) });
}
