import { registerEnumType } from 'type-graphql';

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

registerEnumType(Role, {
  name: 'Role',
  description: '角色 Role',
  valuesConfig: {
    ADMIN: { description: '系统管理员 administrator' },
    OPERATOR: { description: '12345 热线中心话务/分拨员 hotline centre operator' },
    HANDLER: { description: '承办单位经办人 department handler (own department subtree only)' },
    DEPT_LEADER: { description: '承办单位负责人 department leader (signs off replies)' },
    PETITION_OFFICER: { description: '区委信访局 petition bureau officer' },
    ANALYST: { description: '数据分析员 analyst (statistics, no personal data)' },
    LEADER: { description: '区领导 county leader' },
    CHANNEL: { description: '渠道方 channel owner (one channel)' },
  },
});
