import type { Db } from '../../db/client.ts';
import { defaultSettings, isSettingKey, settingsRegistry, type TenantSettings } from './registry.ts';
import { listSettingOverrides } from './settings.repo.ts';

/** A tenant's effective settings: defaults overlaid with what the admin saved. */
export async function getSettings(db: Db, tenantId: string): Promise<TenantSettings> {
  const settings: Record<string, unknown> = { ...defaultSettings() };
  for (const [key, value] of Object.entries(await listSettingOverrides(db, tenantId))) {
    // A value saved by an older version that no longer validates falls back to the default.
    if (isSettingKey(key) && settingsRegistry[key].schema.safeParse(value).success) settings[key] = value;
  }
  return settings as TenantSettings;
}
