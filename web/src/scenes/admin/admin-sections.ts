/**
 * The admin screens, one entry each: the admin area's menu and routes are made from this
 * list. A section's page is loaded when first opened (admins only pay for what they open,
 * and the agent workspace's first load stays small). A section owns the paths under its
 * own: /tickets/admin/<path>/… (use nested <Routes> in the page for its sub-pages).
 */
import type { ComponentType, LazyExoticComponent } from 'react';
import { lazyPage as page } from '../../components/lazy-page.tsx';

export interface AdminSection {
  /** The path under /tickets/admin/, e.g. 'departments'. */
  path: string;
  /** The menu entry, an English text (a translation key). */
  label: string;
  page: LazyExoticComponent<ComponentType>;
}

/** Each admin screen adds its line here, in the order of the menu. */
export const ADMIN_SECTIONS: AdminSection[] = [
  { path: 'departments', label: 'Departments', page: page(() => import('./departments/departments-page.tsx'), 'DepartmentsPage') },
  { path: 'mailboxes', label: 'Mailboxes', page: page(() => import('./mailboxes/mailboxes-page.tsx'), 'MailboxesPage') },
  { path: 'quarantine', label: 'Received mail', page: page(() => import('./quarantine/quarantine-page.tsx'), 'QuarantinePage') },
  { path: 'outgoing-mail', label: 'Outgoing mail', page: page(() => import('./outgoing-mail/outgoing-mail-page.tsx'), 'OutgoingMailPage') },
  { path: 'users', label: 'Users', page: page(() => import('./users/users-page.tsx'), 'UsersPage') },
  { path: 'organisations', label: 'Organisations', page: page(() => import('./organisations/organisations-page.tsx'), 'OrganisationsPage') },
  { path: 'settings', label: 'Settings', page: page(() => import('./settings/settings-page.tsx'), 'SettingsPage') },
  { path: 'canned-replies', label: 'Canned replies', page: page(() => import('./canned-replies/canned-replies-page.tsx'), 'CannedRepliesPage') },
  { path: 'templates', label: 'Mail templates', page: page(() => import('./templates/templates-page.tsx'), 'TemplatesPage') },
  { path: 'webhooks', label: 'Webhooks', page: page(() => import('./webhooks/webhooks-page.tsx'), 'WebhooksPage') },
  { path: 'integrations', label: 'Integrations', page: page(() => import('./integrations/integrations-page.tsx'), 'IntegrationsPage') },
  { path: 'triggers', label: 'Triggers', page: page(() => import('./triggers/triggers-page.tsx'), 'TriggersPage') },
  { path: 'sla', label: 'SLA policies', page: page(() => import('./sla/sla-page.tsx'), 'SlaPage') },
  { path: 'api-tokens', label: 'API tokens', page: page(() => import('./api-tokens/api-tokens-page.tsx'), 'ApiTokensPage') },
  { path: 'audit-log', label: 'Audit log', page: page(() => import('./audit-log/audit-log-page.tsx'), 'AuditLogPage') },
  { path: 'jobs', label: 'Background jobs', page: page(() => import('./jobs/jobs-page.tsx'), 'JobsPage') },
  { path: 'health', label: 'System health', page: page(() => import('./health/health-page.tsx'), 'HealthPage') },
];
