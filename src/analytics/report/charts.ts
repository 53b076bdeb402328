/**
 * 月报图表 The monthly report's charts, rendered server-side by ECharts as SVG strings
 * (no DOM, no canvas, no scripts in the output).
 *
 * Each function takes the relevant slice of the MonthlyReport and returns a standalone SVG
 * document string (with xmlns, valid on its own); html.ts strips the namespace declarations
 * when inlining. Empty data renders a chart frame with "本月无数据", never throws.
 */
// echarts' typings are `export =` and its CJS build sets __esModule without a default export.
import echarts = require('echarts');
import { isNum, monthLabel, shortDate } from './format';
import type { MonthlyReport } from './monthly-report';

export type ChartId = 'trend' | 'channels' | 'categories' | 'townships' | 'ranking' | 'key-categories';

export const CHART_IDS: readonly ChartId[] = ['trend', 'channels', 'categories', 'townships', 'ranking', 'key-categories'];

export const CHART_TITLES: Record<ChartId, string> = {
  trend: '每日受理与办结趋势',
  channels: '渠道构成',
  categories: '诉求分类构成（一级分类）',
  townships: '镇街诉求分布',
  ranking: '部门综合得分排名',
  'key-categories': '重点领域诉求办理情况',
};

/** Works offline: CJK fonts commonly present on Debian (fonts-noto-cjk, fonts-wqy-*), Windows and macOS. */
export const FONT_FAMILY =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Zen Hei', 'WenQuanYi Micro Hei', sans-serif";

export const CHART_WIDTH = 820;

const PALETTE = ['#2f6fb7', '#e07b39', '#3a9d5d', '#c2413b', '#7b5ea7', '#2a9fa8', '#d4a72c', '#8c6d46', '#d45d97', '#6b7280'];

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Renders one ECharts option to an SVG string. zrender names ids and classes after the
 * instance (zr0-, zr1-, …) and a process-wide counter; they are renamed after the chart id so
 * that the output is deterministic and several charts can share a page.
 */
export function renderChartSvg(id: string, option: echarts.EChartsOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      aria: { enabled: false },
      color: PALETTE,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 12, color: '#333' },
      ...option,
    });
    const svg = chart.renderToSVGString();
    const prefix = `mr-${id.replace(/[^A-Za-z0-9-]/g, '')}-`;
    // zrender's class counter is process-wide: renumber per chart, in order of appearance.
    const names = new Map<string, string>();
    const counters = new Map<string, number>();
    return svg.replace(/(class="|id="|url\(#|\.|href="#)zr\d+-([a-z]+-?)(\d+)/g, (_m: string, before: string, kind: string, n: string) => {
      let name = names.get(kind + n);
      if (!name) {
        const next = counters.get(kind) ?? 0;
        counters.set(kind, next + 1);
        names.set(kind + n, (name = `${prefix}${kind}${next}`));
      }
      return before + name;
    });
  } finally {
    chart.dispose();
  }
}

function titleOf(text: string): echarts.TitleComponentOption {
  return { text, left: 12, top: 8, textStyle: { fontSize: 15, fontWeight: 'bold', fontFamily: FONT_FAMILY } };
}

function emptyOption(title: string): echarts.EChartsOption {
  return {
    title: titleOf(title),
    graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: '本月无数据', fontSize: 16, fill: '#999', fontFamily: FONT_FAMILY } }],
  };
}

const pct = (v: number | null | undefined): number | null => (isNum(v) ? Math.round(v * 1000) / 10 : null);

/** 每日趋势: received vs closed, one point per day. */
export function renderTrendChart(trend: MonthlyReport['trend'], month?: string): string {
  const title = CHART_TITLES.trend;
  const size = { width: CHART_WIDTH, height: 340 };
  if (!trend.length) return renderChartSvg('trend', emptyOption(title), size);
  const dense = trend.length > 16;
  return renderChartSvg(
    'trend',
    {
      title: titleOf(month ? `${title}（${monthLabel(month)}）` : title),
      legend: { top: 10, right: 16, data: ['受理量', '办结量'] },
      grid: { left: 56, right: 24, top: 70, bottom: 48 },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: trend.map((d) => shortDate(d.date)),
        axisLabel: { interval: dense ? 1 : 0, rotate: dense ? 45 : 0 },
      },
      yAxis: { type: 'value', name: '件', minInterval: 1 },
      series: [
        { name: '受理量', type: 'line', data: trend.map((d) => d.received), symbolSize: 5, lineStyle: { width: 2 } },
        { name: '办结量', type: 'line', data: trend.map((d) => d.closed), symbolSize: 5, lineStyle: { width: 2 } },
      ],
    },
    size,
  );
}

/** 渠道构成: pie (ring) of received by channel. */
export function renderChannelsChart(channels: MonthlyReport['channels']): string {
  const title = CHART_TITLES.channels;
  const size = { width: CHART_WIDTH, height: 380 };
  const data = channels.filter((c) => c.received > 0).map((c) => ({ name: c.name, value: c.received }));
  if (!data.length) return renderChartSvg('channels', emptyOption(title), size);
  return renderChartSvg(
    'channels',
    {
      title: titleOf(title),
      legend: { orient: 'vertical', left: 16, top: 56, itemWidth: 14, itemHeight: 10 },
      series: [
        {
          name: '渠道',
          type: 'pie',
          radius: ['32%', '62%'],
          center: ['64%', '56%'],
          avoidLabelOverlap: true,
          percentPrecision: 1,
          label: { formatter: '{b}\n{d}%', fontSize: 11 },
          labelLayout: { hideOverlap: true },
          labelLine: { length: 10, length2: 8 },
          data,
        },
      ],
    },
    size,
  );
}

/** 分类构成: vertical bar of received by level-1 category, largest first. */
export function renderCategoriesChart(categories: MonthlyReport['categories']): string {
  const title = CHART_TITLES.categories;
  const size = { width: CHART_WIDTH, height: 380 };
  if (!categories.length) return renderChartSvg('categories', emptyOption(title), size);
  const sorted = [...categories].sort((a, b) => b.received - a.received);
  return renderChartSvg(
    'categories',
    {
      title: titleOf(title),
      grid: { left: 56, right: 24, top: 56, bottom: 96 },
      xAxis: { type: 'category', data: sorted.map((c) => c.name), axisLabel: { interval: 0, rotate: 40, fontSize: 11 } },
      yAxis: { type: 'value', name: '件', minInterval: 1 },
      series: [{ name: '受理量', type: 'bar', data: sorted.map((c) => c.received), barMaxWidth: 28, label: { show: true, position: 'top', fontSize: 10 } }],
    },
    size,
  );
}

/** 镇街分布: horizontal bar sorted by received (a map would need GeoJSON), with 每万人受理量 when known. */
export function renderTownshipsChart(townships: MonthlyReport['townships']): string {
  const title = CHART_TITLES.townships;
  if (!townships.length) return renderChartSvg('townships', emptyOption(title), { width: CHART_WIDTH, height: 300 });
  // Ascending, so that the largest is at the top of a category y-axis.
  const sorted = [...townships].sort((a, b) => a.received - b.received);
  const hasRate = sorted.some((t) => isNum(t.perTenThousand));
  const size = { width: CHART_WIDTH, height: Math.max(300, sorted.length * 24 + 110) };
  return renderChartSvg(
    'townships',
    {
      title: titleOf(title),
      legend: hasRate ? { top: 10, right: 16, data: ['受理量', '每万人受理量'] } : undefined,
      grid: { left: 90, right: 56, top: 70, bottom: 36 },
      xAxis: hasRate
        ? [
            { type: 'value', name: '件', minInterval: 1, position: 'bottom' },
            { type: 'value', name: '件/万人', position: 'top', splitLine: { show: false } },
          ]
        : { type: 'value', name: '件', minInterval: 1 },
      yAxis: { type: 'category', data: sorted.map((t) => t.name), axisLabel: { interval: 0 } },
      series: [
        { name: '受理量', type: 'bar', data: sorted.map((t) => t.received), barMaxWidth: 16, label: { show: true, position: 'right', fontSize: 10 } },
        ...(hasRate
          ? [
              {
                name: '每万人受理量',
                type: 'scatter' as const,
                xAxisIndex: 1,
                data: sorted.map((t) => (isNum(t.perTenThousand) ? Math.round(t.perTenThousand * 10) / 10 : null)),
                symbolSize: 8,
              },
            ]
          : []),
      ],
    },
    size,
  );
}

/** 部门排名: horizontal bar of scores, rank 1 at the top. */
export function renderRankingChart(ranking: MonthlyReport['ranking']): string {
  const title = CHART_TITLES.ranking;
  if (!ranking.length) return renderChartSvg('ranking', emptyOption(title), { width: CHART_WIDTH, height: 300 });
  const sorted = [...ranking].sort((a, b) => b.rank - a.rank);
  const size = { width: CHART_WIDTH, height: Math.max(300, sorted.length * 24 + 100) };
  return renderChartSvg(
    'ranking',
    {
      title: titleOf(title),
      grid: { left: 200, right: 56, top: 56, bottom: 36 },
      xAxis: { type: 'value', name: '分' },
      yAxis: { type: 'category', data: sorted.map((r) => `${r.rank}. ${r.departmentName}`), axisLabel: { interval: 0, fontSize: 11 } },
      series: [
        {
          name: '综合得分',
          type: 'bar',
          barMaxWidth: 16,
          data: sorted.map((r) => Math.round(r.score * 10) / 10),
          label: { show: true, position: 'right', fontSize: 10 },
        },
      ],
    },
    size,
  );
}

/** 重点领域: grouped bars (受理/办结/超期) with 满意率 on a second axis. */
export function renderKeyCategoriesChart(keyCategories: MonthlyReport['keyCategories']): string {
  const title = CHART_TITLES['key-categories'];
  const size = { width: CHART_WIDTH, height: 360 };
  if (!keyCategories.length) return renderChartSvg('key-categories', emptyOption(title), size);
  return renderChartSvg(
    'key-categories',
    {
      title: titleOf(title),
      legend: { top: 10, right: 16, data: ['受理量', '办结量', '超期量', '满意率'] },
      grid: { left: 56, right: 64, top: 70, bottom: 48 },
      xAxis: { type: 'category', data: keyCategories.map((k) => k.name), axisLabel: { interval: 0 } },
      yAxis: [
        { type: 'value', name: '件', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { name: '受理量', type: 'bar', data: keyCategories.map((k) => k.received), barMaxWidth: 22 },
        { name: '办结量', type: 'bar', data: keyCategories.map((k) => k.closed), barMaxWidth: 22 },
        { name: '超期量', type: 'bar', data: keyCategories.map((k) => k.overdue), barMaxWidth: 22 },
        {
          name: '满意率',
          type: 'line',
          yAxisIndex: 1,
          data: keyCategories.map((k) => pct(k.satisfactionRate)),
          symbolSize: 7,
          label: { show: true, formatter: '{c}%', fontSize: 10 },
        },
      ],
    },
    size,
  );
}

/** All six charts of the report, by chart id. */
export function renderMonthlyReportCharts(report: MonthlyReport): Record<ChartId, string> {
  return {
    trend: renderTrendChart(report.trend, report.month),
    channels: renderChannelsChart(report.channels),
    categories: renderCategoriesChart(report.categories),
    townships: renderTownshipsChart(report.townships),
    ranking: renderRankingChart(report.ranking),
    'key-categories': renderKeyCategoriesChart(report.keyCategories),
  };
}
