/**
 * The analytics vocabulary (统计词汇) the API offers as plain enums: what statistics are grouped by, trend
 * intervals, metrics, report formats. The values match kpi-sql.ts (KpiGroupBy, KpiInterval), the keys of
 * KpiRates (kpi.ts) and MONTHLY_REPORT_FORMATS (report/index.ts). GraphQL registers them in graphql/enums.ts.
 */

/** 统计分组 what statistics are grouped by. */
export enum KpiGroupBy {
  DEPARTMENT = 'DEPARTMENT',
  CHANNEL = 'CHANNEL',
  CATEGORY_L1 = 'CATEGORY_L1',
  CATEGORY_L2 = 'CATEGORY_L2',
  REGION = 'REGION',
  REQUEST_TYPE = 'REQUEST_TYPE',
  TOTAL = 'TOTAL',
}

/** 趋势粒度 the interval of a trend. */
export enum KpiInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

/** 指标 one KPI of kpi.ts, by its key. */
export enum KpiMetric {
  RECEIVED = 'received',
  DISPATCHED = 'dispatched',
  CLOSED = 'closed',
  OVERDUE = 'overdue',
  SIGN_ON_TIME_RATE = 'signOnTimeRate',
  RESPONSE_RATE = 'responseRate',
  REPLY_ON_TIME_RATE = 'replyOnTimeRate',
  CLOSE_RATE = 'closeRate',
  RESOLUTION_RATE = 'resolutionRate',
  SATISFACTION_RATE = 'satisfactionRate',
  RETURN_RATE = 'returnRate',
  REWORK_RATE = 'reworkRate',
  EXTENSION_RATE = 'extensionRate',
  AVG_HANDLING_HOURS = 'avgHandlingHours',
}

/** 月报文件格式 the monthly report's file format. */
export enum ReportFormat {
  XLSX = 'xlsx',
  HTML = 'html',
}
