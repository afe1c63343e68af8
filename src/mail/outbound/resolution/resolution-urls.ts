/** The links of a resolution mail: one public page (resolution-page.routes.ts), the token, the tenant, what to do. */
export const RESOLUTION_PAGE_PATH = '/tickets/resolution/';

export type ResolutionAction = 'confirm' | 'reopen' | 'rate';

export function resolutionUrl(baseUrl: string, tenantSlug: string, token: string, action: ResolutionAction, rating?: number): string {
  const q = new URLSearchParams({ token, tenant: tenantSlug, action });
  if (rating !== undefined) q.set('rating', String(rating));
  return `${baseUrl}${RESOLUTION_PAGE_PATH}?${q.toString()}`;
}
