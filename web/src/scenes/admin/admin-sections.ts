/**
 * The admin screens, one entry each: the admin area's menu and routes are made from this
 * list. A section's page is loaded when first opened (admins only pay for what they open,
 * and the agent workspace's first load stays small). A section owns the paths under its
 * own: /tickets/admin/<path>/… (use nested <Routes> in the page for its sub-pages).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface AdminSection {
  /** The path under /tickets/admin/, e.g. 'departments'. */
  path: string;
  /** The menu entry, an English text (a translation key). */
  label: string;
  page: LazyExoticComponent<ComponentType>;
}

/** Each admin screen adds its line here, in the order of the menu. */
export const ADMIN_SECTIONS: AdminSection[] = [
];

/** Loads a page module's named export lazily, e.g. page(() => import("./users/users-page.tsx"), "UsersPage"). */
export function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
