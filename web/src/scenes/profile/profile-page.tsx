/** /tickets/profile/: the signed-in person's own settings: name and language, away (staff), password, mail notifications, keyboard shortcuts. */
import { useTranslation } from 'react-i18next';
import { isStaff, useMe } from '../../hooks/use-session.ts';
import { useTitle } from '../../hooks/use-title.ts';
import { setCheatSheetOpen } from '../../shortcuts/cheat-sheet.tsx';
import { ShortcutsSwitch } from '../../shortcuts/shortcuts-switch.tsx';
import { AwaySwitch } from './away-switch.tsx';
import { ChangePassword } from './change-password.tsx';
import { NotificationPreferences } from './notification-preferences.tsx';
import { ProfileDetails } from './profile-details.tsx';
import './profile.css';

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  useTitle(t('Your profile'));
  return (
    <div className="profile">
      <h1>{t('Your profile')}</h1>
      <p className="profile-email">{me.email}</p>
      <ProfileDetails me={me} />
      {isStaff(me) && <AwaySwitch me={me} />}
      <NotificationPreferences me={me} />
      <section aria-labelledby="shortcuts-title" className="profile-section">
        <h2 id="shortcuts-title">{t('Keyboard shortcuts')}</h2>
        <ShortcutsSwitch />
        <button type="button" className="button" onClick={() => setCheatSheetOpen(true)}>{t('Show the keyboard shortcuts')}</button>
      </section>
      <ChangePassword me={me} />
    </div>
  );
}
