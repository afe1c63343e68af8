/**
 * The shapes of the admin API answers this area reads. The routes keep these Zod schemas
 * private (users, organisations, api-tokens, audit-log, jobs .routes.ts), so they are
 * restated here; mail templates and settings come from the server's own types.
 */
import type { z } from 'zod';
import type { mailPreviewSchema, mailTemplateSchema } from '../../../../../src/http/schemas/mail-templates.schema.ts';
import type { SettingKey, TenantSettings } from '../../../../../src/domain/settings/registry.ts';

export type Role = 'admin' | 'agent' | 'customer';
export interface AdminUser {
  id: string; email: string; name: string; role: Role; organisation: string | null; departments: number[];
  restricted_to_departments: boolean; can_access_ticketing: boolean; is_active: boolean; language: string | null;
  away: boolean; created_at: string; updated_at: string;
}
export interface Organisation { id: string; name: string; domains: string[]; created_at: string; updated_at: string }
export interface ApiToken {
  id: string; name: string; prefix: string; scopes: string[]; user: string;
  created_at: string; last_used_at: string | null; expires_at: string | null; revoked_at: string | null;
}
export type CreatedApiToken = ApiToken & { token: string };
export interface AuditEvent {
  id: number; name: string; subject_type: string; subject_id: string; actor_id: string | null; source: string;
  request_id: string | null; payload: Record<string, unknown>; created_at: string;
}
export type JobStatus = 'pending' | 'running' | 'done' | 'failed';
export interface Job {
  id: number; name: string; status: JobStatus; attempts: number; max_attempts: number;
  run_at: string; last_error: string | null; created_at: string; updated_at: string;
}
export interface Page<T> { results: T[]; next_cursor: string | null }

export type MailTemplate = z.output<typeof mailTemplateSchema>;
export type MailPreview = z.output<typeof mailPreviewSchema>;
export type { SettingKey, TenantSettings };
export interface SettingsAnswer { settings: TenantSettings; definitions: Array<{ key: string; description: string; default: unknown }> }
