// Roles and what each may do: nurses assess and view, clinicians also review, admins also manage accounts and see learning.
import { z } from 'zod';

export const Role = z.enum(['nurse', 'clinician', 'admin']);
export type Role = z.infer<typeof Role>;
export type Permission = 'assess' | 'view' | 'review' | 'admin';

const GRANTS: Record<Role, readonly Permission[]> = {
  nurse: ['assess', 'view'],
  clinician: ['assess', 'view', 'review'],
  admin: ['assess', 'view', 'review', 'admin'],
};

/** API tokens act for a service, not a person: they may assess and read, never review or administer. */
export const TOKEN_GRANTS: readonly Permission[] = ['assess', 'view'];

export const can = (role: Role, p: Permission): boolean => GRANTS[role].includes(p);
