import type { TenantSettings } from '../settings/registry.ts';

export type SurveyScale = 'five' | 'binary';

/** The survey a resolution in this department offers, or null: off for the tenant, or for the department (docs/satisfaction.md). */
export function surveyScaleFor(settings: TenantSettings, departmentSlug: string): SurveyScale | null {
  if (!settings.satisfaction_survey) return null;
  if (settings.satisfaction_survey_off_departments.includes(departmentSlug)) return null;
  return settings.satisfaction_scale;
}
