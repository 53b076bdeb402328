/**
 * The SLA vocabulary (时限词汇) as plain enums: time-limit units, alert types, calendar-day sources.
 * GraphQL registers them at the edge (graphql/enums.ts).
 */

/** 时限单位 Unit of a time limit. */
export enum LimitUnit {
  HOURS = 'HOURS',
  NATURAL_DAYS = 'NATURAL_DAYS',
  WORKING_DAYS = 'WORKING_DAYS',
}

/** 预警类型 what an alert warns of (003 三/四/五). */
export enum AlertType {
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
  UNSIGNED_OVERDUE = 'UNSIGNED_OVERDUE',
  ESCALATION_SUGGESTED = 'ESCALATION_SUGGESTED',
  SUPERVISION_DUE = 'SUPERVISION_DUE',
  SUPERVISED = 'SUPERVISED',
  ORIGIN_REOPENED = 'ORIGIN_REOPENED',
}

/** 日历来源 where a work-calendar day that differs from the default rule comes from. */
export enum CalendarDaySource {
  OFFICIAL_NOTICE = 'OFFICIAL_NOTICE',
  OVERRIDE = 'OVERRIDE',
}
