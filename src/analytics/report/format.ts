/**
 * Shared labels and formatting for the monthly-report renderers (xlsx and html).
 */
import type { AccountabilityLevel, Rates } from './monthly-report';

export const REPORT_TITLE = '赣县区12345热线月报';

/** How a metric is shown: a count, a fraction 0–1 shown as a percentage, or decimal hours. */
export type MetricKind = 'count' | 'rate' | 'hours';

export interface MetricDef {
  key: keyof Rates;
  label: string;
  kind: MetricKind;
  /** true when a larger value is better (drives the colour of the change), null when neutral */
  higherIsBetter: boolean | null;
}

/** Every field of Rates, in display order. */
export const METRICS: readonly MetricDef[] = [
  { key: 'received', label: '受理量', kind: 'count', higherIsBetter: null },
  { key: 'dispatched', label: '派单量', kind: 'count', higherIsBetter: null },
  { key: 'closed', label: '办结量', kind: 'count', higherIsBetter: true },
  { key: 'open', label: '在办量', kind: 'count', higherIsBetter: null },
  { key: 'overdue', label: '超期量', kind: 'count', higherIsBetter: false },
  { key: 'replyOnTimeRate', label: '按时回复率', kind: 'rate', higherIsBetter: true },
  { key: 'resolutionRate', label: '解决率', kind: 'rate', higherIsBetter: true },
  { key: 'satisfactionRate', label: '满意率', kind: 'rate', higherIsBetter: true },
  { key: 'signOnTimeRate', label: '按时签收率', kind: 'rate', higherIsBetter: true },
  { key: 'responseRate', label: '响应率', kind: 'rate', higherIsBetter: true },
  { key: 'closeRate', label: '办结率', kind: 'rate', higherIsBetter: true },
  { key: 'returnRate', label: '退单率', kind: 'rate', higherIsBetter: false },
  { key: 'reworkRate', label: '重办率', kind: 'rate', higherIsBetter: false },
  { key: 'extensionRate', label: '延期率', kind: 'rate', higherIsBetter: false },
  { key: 'avgHandlingHours', label: '平均办理时长（小时）', kind: 'hours', higherIsBetter: false },
  { key: 'p90HandlingHours', label: '90分位办理时长（小时）', kind: 'hours', higherIsBetter: false },
];

/** 三率: 回复率（按时办结率）、解决率、满意率. */
export const THREE_RATES: ReadonlyArray<keyof Rates> = ['replyOnTimeRate', 'resolutionRate', 'satisfactionRate'];

export const ACCOUNTABILITY_LABELS: Record<AccountabilityLevel, string> = {
  SUPERVISOR_TALK: '分管领导约谈',
  HEAD_TALK: '主要负责人约谈',
  RECTIFICATION: '限期整改',
};

/** Ladder order, mildest first. */
export const ACCOUNTABILITY_ORDER: readonly AccountabilityLevel[] = ['SUPERVISOR_TALK', 'HEAD_TALK', 'RECTIFICATION'];

const HOT_ISSUE_STATUS_LABELS: Record<string, string> = {
  NEW: '新发现',
  CONFIRMED: '已确认',
  DISMISSED: '已排除',
  RESOLVED: '已化解',
};

/** HotIssueStatus → Chinese (unknown values are shown as they are). */
export function hotIssueStatusLabel(status: string): string {
  return HOT_ISSUE_STATUS_LABELS[status] ?? status;
}

export function accountabilityLabel(level: string): string {
  return (ACCOUNTABILITY_LABELS as Record<string, string>)[level] ?? level;
}

export const DASH = '—';

/** '2026-10' → '2026年10月' (anything else is returned as is). */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** '2026-10-05' → '10-05' for axis labels. */
export function shortDate(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}-${m[2]}` : date;
}

export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function fmtCount(v: number | null | undefined): string {
  return isNum(v) ? Math.round(v).toLocaleString('en-US') : DASH;
}

export function fmtPercent(v: number | null | undefined, digits = 1): string {
  return isNum(v) ? `${(v * 100).toFixed(digits)}%` : DASH;
}

export function fmtDecimal(v: number | null | undefined, digits = 1): string {
  return isNum(v) ? v.toFixed(digits) : DASH;
}

export function fmtMetric(kind: MetricKind, v: number | null | undefined): string {
  if (kind === 'rate') return fmtPercent(v);
  if (kind === 'hours') return fmtDecimal(v);
  return fmtCount(v);
}

export interface MetricChange {
  /** current − previous: absolute for counts and hours, in percentage points for rates */
  delta: number;
  /** relative change for counts (null when previous is 0 or the metric is not a count) */
  relative: number | null;
}

/** The change of one metric versus last month, or null when either side is missing. */
export function metricChange(def: MetricDef, current: Rates, previous: Rates | null): MetricChange | null {
  if (!previous) return null;
  const a = current[def.key];
  const b = previous[def.key];
  if (!isNum(a) || !isNum(b)) return null;
  if (def.kind === 'rate') return { delta: (a - b) * 100, relative: null };
  return { delta: a - b, relative: def.kind === 'count' && b !== 0 ? (a - b) / b : null };
}

function roundedDelta(def: MetricDef, change: MetricChange): number {
  return Number(change.delta.toFixed(def.kind === 'count' ? 0 : 1));
}

/** '+1.2个百分点' / '−35（−3.1%）' / '持平' / '—'. */
export function fmtChange(def: MetricDef, change: MetricChange | null): string {
  if (!change) return DASH;
  const rounded = roundedDelta(def, change);
  if (rounded === 0) return '持平';
  const sign = rounded > 0 ? '+' : '−';
  const abs = Math.abs(rounded);
  const body = def.kind === 'count' ? abs.toLocaleString('en-US') : abs.toFixed(1);
  const unit = def.kind === 'rate' ? '个百分点' : def.kind === 'hours' ? '小时' : '';
  const rel = change.relative !== null ? `（${change.relative >= 0 ? '+' : '−'}${Math.abs(change.relative * 100).toFixed(1)}%）` : '';
  return `${sign}${body}${unit}${rel}`;
}

/** Whether the change is an improvement, for colouring. */
export function changeTone(def: MetricDef, change: MetricChange | null): 'good' | 'bad' | 'neutral' {
  if (!change || def.higherIsBetter === null) return 'neutral';
  const rounded = roundedDelta(def, change);
  if (rounded === 0) return 'neutral';
  return rounded > 0 === def.higherIsBetter ? 'good' : 'bad';
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}
