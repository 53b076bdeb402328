/** Roles. Deny by default: what each may do is declared in auth/policy.ts. */
export enum Role {
  ADMIN = 'ADMIN',
  OPERATOR = 'OPERATOR',
  HANDLER = 'HANDLER',
  DEPT_LEADER = 'DEPT_LEADER',
  PETITION_OFFICER = 'PETITION_OFFICER',
  ANALYST = 'ANALYST',
  LEADER = 'LEADER',
  CHANNEL = 'CHANNEL',
}

/** Roles bound to one department (and its sub-units). */
export const DEPARTMENT_ROLES: readonly Role[] = [Role.HANDLER, Role.DEPT_LEADER, Role.PETITION_OFFICER];
