/**
 * The hot-issue vocabulary (热点词汇) as plain enums: hot-issue and duplicate-candidate statuses, the
 * hot-issue list order. GraphQL registers them in graphql/enums.ts.
 */

/** 热点状态 where a hot issue stands with the operators. */
export enum HotIssueStatus {
  NEW = 'NEW',
  CONFIRMED = 'CONFIRMED',
  DISMISSED = 'DISMISSED',
  RESOLVED = 'RESOLVED',
}

/** 多头投诉候选状态 what became of a duplicate candidate (merged automatically above the high threshold). */
export enum DuplicateStatus {
  PENDING = 'PENDING',
  MERGED = 'MERGED',
  DISMISSED = 'DISMISSED',
  UNMERGED = 'UNMERGED',
}

/** 热点排序 the order of the hot-issue list, descending (hot-issue.query.ts). */
export enum HotIssueOrderBy {
  SCORE = 'SCORE',
  LAST_SEEN = 'LAST_SEEN',
  DETECTED = 'DETECTED',
}
