/**
 * The views beside the list: the built-in ones that apply to the person (the server says
 * which, with their filters) and, for staff, their saved views, each with its count kept
 * live. A view is a link to the list with its filters in the address, so the current view
 * is simply the one whose filters the address holds. Staff save the filters shown as a
 * view, and rename or delete their views.
 */
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RequestError } from '../../components/request-error.tsx';
import { useSavedViews, useViewCounts, useViewMutations } from './queries.ts';
import type { BuiltInView, Count, SavedView } from './types.ts';
import { filtersQuery, sameFilters, type Filters } from './use-list-filters.ts';
import { DeleteViewDialog, ViewNameDialog } from './view-dialogs.tsx';

/** The English names (translation keys) of the built-in views; staff's "mine" is what is assigned to them. */
const STAFF_NAMES: Record<BuiltInView['key'], string> = {
  mine: 'Assigned to me', unassigned: 'Unassigned', my_departments: 'My departments', all: 'All tickets', organisation: "My organisation's tickets",
};
const CUSTOMER_NAMES: Record<BuiltInView['key'], string> = { ...STAFF_NAMES, mine: 'My tickets' };

/** "12", or "999+" beyond the counted cap; nothing while unknown. */
export function CountText({ count }: { count: Count | undefined }) {
  const { i18n } = useTranslation();
  if (!count || count.count === null) return null;
  const n = new Intl.NumberFormat(i18n.language).format(count.count);
  return <span className="view-count">{count.more ? `${n}+` : n}</span>;
}

export function ViewsNav({ filters, staff }: { filters: Filters; staff: boolean }) {
  const { t } = useTranslation();
  const counts = useViewCounts();
  const views = useSavedViews(staff);
  const { create } = useViewMutations();
  const [saving, setSaving] = useState(false);
  const names = staff ? STAFF_NAMES : CUSTOMER_NAMES;
  const builtIn = counts.data?.built_in ?? [];
  // Customers see the views only when there is a choice (their organisation's tickets).
  if (!staff && builtIn.length < 2) return null;
  const savedCount = new Map(counts.data?.saved.map((c) => [c.id, c]));
  const link = (f: Record<string, string>) => ({ pathname: '/', search: filtersQuery({ ...f, sort: f.sort ?? filters.sort }) });
  const current = (f: Record<string, string>) => (sameFilters(f, filters) ? 'page' as const : undefined);
  const shown = views.data?.some((v) => sameFilters(v.filters, filters)) || builtIn.some((v) => sameFilters(v.filters, filters));

  return (
    <nav aria-label={t('Views')} className="views-nav">
      <ul>
        {builtIn.map((v) => (
          <li key={v.key}>
            <Link to={link(v.filters)} aria-current={current(v.filters)}><span>{t(names[v.key])}</span> <CountText count={v} /></Link>
          </li>
        ))}
      </ul>
      {staff && (
        <>
          <h2 id="saved-views-title">{t('Saved views')}</h2>
          <RequestError error={views.error} />
          {views.data?.length === 0 && <p className="empty">{t('Filter the list, then save it as a view.')}</p>}
          <ul aria-labelledby="saved-views-title">
            {views.data?.map((v, i) => (
              <SavedViewItem key={v.id} view={v} to={link(v.filters)} current={current(v.filters)} count={savedCount.get(v.id)}
                index={i} last={i === views.data.length - 1} />
            ))}
          </ul>
          {!shown && <button type="button" className="button" onClick={() => { create.reset(); setSaving(true); }}>{t('Save this view')}</button>}
          <ViewNameDialog open={saving} onOpenChange={setSaving} title={t('Save this view')} submitLabel={t('Save view')} initial=""
            pending={create.isPending} error={create.error}
            onSubmit={(name) => create.mutate({ name, filters }, { onSuccess: () => setSaving(false) })} />
        </>
      )}
    </nav>
  );
}

interface ItemProps {
  view: SavedView; to: { pathname: string; search: string }; current: 'page' | undefined; count: Count | undefined; index: number; last: boolean;
}

function SavedViewItem({ view, to, current, count, index, last }: ItemProps) {
  const { t } = useTranslation();
  const { rename, remove, move } = useViewMutations();
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const close = (open: boolean) => { if (!open) setDialog(null); };
  return (
    <li className="saved-view">
      <Link to={to} aria-current={current}><span>{view.name}</span> <CountText count={count} /></Link>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger className="button view-menu" aria-label={t('Actions for the view {{name}}', { name: view.name })}>⋯</DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="view-menu-content" align="end">
            <DropdownMenu.Item className="view-menu-item" onSelect={() => { rename.reset(); setDialog('rename'); }}>{t('Rename…')}</DropdownMenu.Item>
            {index > 0 && <DropdownMenu.Item className="view-menu-item" onSelect={() => move.mutate({ id: view.id, position: index - 1 })}>{t('Move up')}</DropdownMenu.Item>}
            {!last && <DropdownMenu.Item className="view-menu-item" onSelect={() => move.mutate({ id: view.id, position: index + 1 })}>{t('Move down')}</DropdownMenu.Item>}
            <DropdownMenu.Item className="view-menu-item" onSelect={() => { remove.reset(); setDialog('delete'); }}>{t('Delete…')}</DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <RequestError error={move.error} />
      <ViewNameDialog open={dialog === 'rename'} onOpenChange={close} title={t('Rename the view')} submitLabel={t('Rename')} initial={view.name}
        pending={rename.isPending} error={rename.error}
        onSubmit={(name) => rename.mutate({ id: view.id, name }, { onSuccess: () => setDialog(null) })} />
      <DeleteViewDialog open={dialog === 'delete'} onOpenChange={close} name={view.name} pending={remove.isPending} error={remove.error}
        onConfirm={() => remove.mutate(view.id, { onSuccess: () => setDialog(null) })} />
    </li>
  );
}
