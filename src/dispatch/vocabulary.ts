/** The dispatch vocabulary (分拨词汇) as a plain enum; GraphQL registers it in graphql/enums.ts. */

/** 疑难诉求原因 (000 二(二), 003 二). */
export enum HardCaseReason {
  REPEAT = 'REPEAT',
  MULTI_CHANNEL = 'MULTI_CHANNEL',
  TWICE_UNSATISFIED = 'TWICE_UNSATISFIED',
  RETURNED_TWICE = 'RETURNED_TWICE',
  CROSS_DEPARTMENT = 'CROSS_DEPARTMENT',
}
