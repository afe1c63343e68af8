/**
 * Writing on a ticket. Staff choose between a reply (the customer gets it) and an internal
 * note (staff only) on two tabs that look and read differently; customers only reply.
 * Both tabs stay mounted (each keeps its text); `r` and `n` jump to them. What each
 * composer does is in composer/composer-form.tsx (docs/web-app.md, "Composer").
 */
import * as Tabs from '@radix-ui/react-tabs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, TicketWithThread } from '../../api/types.ts';
import { isStaff } from '../../hooks/use-session.ts';
import { useShortcut } from '../../shortcuts/use-shortcut.ts';
import { ComposerForm, type Kind } from './composer/composer-form.tsx';
import type { RichEditorHandle } from './composer/rich-editor.tsx';
import { useAssignableUsers } from './side-panel-queries.ts';

interface Props { ticket: TicketWithThread; me: Me; onComposingChange?(composing: boolean): void }

export function ReplyComposer({ ticket, me, onComposingChange }: Props) {
  const { t } = useTranslation();
  const staff = isStaff(me);
  const [kind, setKind] = useState<Kind>('reply');
  const [focusWanted, setFocusWanted] = useState<Kind | null>(null);
  const handles = { reply: useRef<RichEditorHandle | null>(null), note: useRef<RichEditorHandle | null>(null) };
  const writing = useRef({ reply: false, note: false });
  const onWriting = useCallback((k: Kind, w: boolean) => {
    writing.current[k] = w;
    onComposingChange?.(writing.current.reply || writing.current.note);
  }, [onComposingChange]);

  const jump = (k: Kind) => { setKind(k); setFocusWanted(k); };
  useShortcut({ key: 'r', description: 'Write a reply', group: 'Ticket' }, () => jump('reply'));
  useShortcut({ key: 'n', description: 'Write an internal note', group: 'Ticket' }, () => jump('note'), staff);
  useEffect(() => {
    if (!focusWanted) return;
    handles[focusWanted].current?.focus();
    setFocusWanted(null);
  }, [focusWanted, kind]); // after the tab is shown: the editor of a hidden tab cannot take focus

  if (!staff) return <ComposerForm ticket={ticket} me={me} kind="reply" handle={handles.reply} onWriting={onWriting} />;
  return <StaffTabs {...{ ticket, me, kind, setKind, handles, onWriting }} />;
}

interface StaffTabsProps {
  ticket: TicketWithThread; me: Me; kind: Kind; setKind(k: Kind): void;
  handles: Record<Kind, React.RefObject<RichEditorHandle | null>>; onWriting(k: Kind, w: boolean): void;
}

/** Staff's two tabs; `@` in the note offers the active agents and admins. */
function StaffTabs({ ticket, me, kind, setKind, handles, onWriting }: StaffTabsProps) {
  const { t } = useTranslation();
  const staff = useAssignableUsers();
  return (
    <Tabs.Root value={kind} onValueChange={(v) => setKind(v as Kind)} className="composer-tabs">
      <Tabs.List aria-label={t('Write')}>
        <Tabs.Trigger value="reply">{t('Reply')}</Tabs.Trigger>
        <Tabs.Trigger value="note">{t('Internal note')}</Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="reply" forceMount hidden={kind !== 'reply'}>
        <ComposerForm ticket={ticket} me={me} kind="reply" handle={handles.reply} onWriting={onWriting} />
      </Tabs.Content>
      <Tabs.Content value="note" forceMount hidden={kind !== 'note'}>
        <ComposerForm ticket={ticket} me={me} kind="note" handle={handles.note} mentionable={staff.data} onWriting={onWriting} />
      </Tabs.Content>
    </Tabs.Root>
  );
}
