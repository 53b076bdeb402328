/**
 * 月报网页 The monthly report as one self-contained HTML5 page in Chinese: inline CSS, the charts
 * inline as server-rendered SVG, no scripts and no external references (a Content-Security-Policy
 * forbids both). Every text from the data is HTML-escaped.
 */
import { CHART_IDS, CHART_TITLES, FONT_FAMILY, renderMonthlyReportCharts, type ChartId } from './charts';
import {
  ACCOUNTABILITY_LABELS,
  ACCOUNTABILITY_ORDER,
  accountabilityLabel,
  changeTone,
  DASH,
  escapeHtml as e,
  fmtChange,
  fmtCount,
  fmtDecimal,
  fmtMetric,
  fmtPercent,
  hotIssueStatusLabel,
  isNum,
  metricChange,
  METRICS,
  monthLabel,
  REPORT_TITLE,
  shortDate,
  THREE_RATES,
  type MetricDef,
} from './format';
import { shanghaiDateTime } from '../../common/time';
import type { MonthlyReport } from './monthly-report';

export interface HtmlRenderOptions {
  /** How many hot issues to list (default 10). */
  hotIssueLimit?: number;
}

/** Makes an ECharts SVG document suitable for inlining in HTML: drops the XML namespace declarations (implied in HTML) and labels it. */
export function inlineSvg(svg: string, label: string): string {
  return svg
    .replace(/^\s*<\?xml[^>]*>\s*/, '')
    .replace(/^<svg\b[^>]*>/, (tag) => tag.replace(/\s+xmlns(:\w+)?="[^"]*"/g, ''))
    .replace(/^<svg\b/, `<svg role="img" aria-label="${e(label)}"`);
}

function chartFigure(id: ChartId, index: number, svg: string, caption: string): string {
  const title = CHART_TITLES[id];
  return `<figure class="chart" data-chart="${id}">
<div class="chart-body">${inlineSvg(svg, title)}</div>
<figcaption><b>图${index}　${e(title)}</b>${caption ? `　${e(caption)}` : ''}</figcaption>
</figure>`;
}

function captions(report: MonthlyReport): Record<ChartId, string> {
  const { trend, channels, categories, townships, ranking, keyCategories } = report;
  const none = '本月无数据。';
  const total = trend.reduce((s, d) => s + d.received, 0);
  const peak = trend.reduce<(typeof trend)[number] | null>((best, d) => (!best || d.received > best.received ? d : best), null);
  const topChannel = [...channels].sort((a, b) => b.received - a.received)[0];
  const topCats = [...categories].sort((a, b) => b.received - a.received).slice(0, 3);
  const topTowns = [...townships].sort((a, b) => b.received - a.received).slice(0, 3);
  const byRank = [...ranking].sort((a, b) => a.rank - b.rank);
  const first = byRank[0];
  const last = byRank[byRank.length - 1];
  return {
    trend: peak ? `日均受理${fmtDecimal(total / trend.length)}件，单日最高为${shortDate(peak.date)}（${fmtCount(peak.received)}件）。` : none,
    channels: topChannel ? `共${channels.length}个渠道，其中${topChannel.name}占${fmtPercent(topChannel.share)}。` : none,
    categories: topCats.length ? `受理量居前的分类：${topCats.map((c) => `${c.name}（${fmtCount(c.received)}件）`).join('、')}。` : none,
    townships: topTowns.length ? `受理量居前的乡镇：${topTowns.map((t) => `${t.name}（${fmtCount(t.received)}件）`).join('、')}。` : none,
    ranking:
      first && last
        ? `共${ranking.length}个单位参与排名，第一名${first.departmentName}（${fmtDecimal(first.score)}分），末位${last.departmentName}（${fmtDecimal(last.score)}分）。`
        : '本月无排名。',
    'key-categories': keyCategories.length
      ? `重点领域共受理${fmtCount(keyCategories.reduce((s, k) => s + k.received, 0))}件，超期${fmtCount(keyCategories.reduce((s, k) => s + k.overdue, 0))}件。`
      : none,
  };
}

function metricCard(def: MetricDef, report: MonthlyReport, big: boolean): string {
  const change = metricChange(def, report.headline, report.headline.previous);
  return `<div class="card${big ? ' big' : ''}" data-metric="${def.key}">
<div class="label">${e(def.label)}</div>
<div class="value">${e(fmtMetric(def.kind, report.headline[def.key]))}</div>
<div class="change ${changeTone(def, change)}">较上月 ${e(fmtChange(def, change))}</div>
</div>`;
}

function summary(report: MonthlyReport): string {
  const h = report.headline;
  const p = h.previous;
  const rel = p && p.received > 0 ? (h.received - p.received) / p.received : null;
  const trendText = isNum(rel) ? `，环比${rel >= 0 ? '增长' : '下降'}${Math.abs(rel * 100).toFixed(1)}%` : '';
  return (
    `本月共受理群众诉求${fmtCount(h.received)}件${trendText}；派单${fmtCount(h.dispatched)}件，办结${fmtCount(h.closed)}件，在办${fmtCount(h.open)}件，超期${fmtCount(h.overdue)}件。` +
    `按时回复率${fmtPercent(h.replyOnTimeRate)}，解决率${fmtPercent(h.resolutionRate)}，满意率${fmtPercent(h.satisfactionRate)}。`
  );
}

/** A table; cells are HTML (callers escape), headers are text. */
function table(headers: string[], rows: string[][], opts: { className?: string; empty: string; numeric?: number[] }): string {
  const numeric = new Set(opts.numeric ?? []);
  const cls = (i: number) => (numeric.has(i) ? ' class="num"' : '');
  const head = headers.map((h, i) => `<th${cls(i)}>${e(h)}</th>`).join('');
  const body = rows.length
    ? rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('\n')
    : `<tr><td class="empty" colspan="${headers.length}">${e(opts.empty)}</td></tr>`;
  return `<div class="table-wrap"><table${opts.className ? ` class="${opts.className}"` : ''}>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}

/** ▲ 2.3 / ▼ 1.0 / 持平 / — for a score change. */
function changeArrow(change: number | null): string {
  if (!isNum(change)) return `<span class="flat" title="上月未排名">${DASH}</span>`;
  const r = Number(change.toFixed(1));
  if (r > 0) return `<span class="good" title="较上月上升">▲ ${r.toFixed(1)}</span>`;
  if (r < 0) return `<span class="bad" title="较上月下降">▼ ${Math.abs(r).toFixed(1)}</span>`;
  return '<span class="flat">持平</span>';
}

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f3f5f8;color:#1f2933;font-family:${FONT_FAMILY};font-size:14px;line-height:1.6}
main{max-width:900px;margin:0 auto;padding:24px 16px 48px}
header.report{background:#b3261e;color:#fff;padding:28px 32px;border-radius:6px 6px 0 0}
header.report h1{margin:0;font-size:26px;letter-spacing:2px}
header.report .sub{margin-top:6px;opacity:.9}
section{background:#fff;padding:20px 32px;border-bottom:1px solid #e4e7eb}
section:last-of-type{border-radius:0 0 6px 6px}
h2{font-size:18px;margin:0 0 12px;padding-left:10px;border-left:4px solid #b3261e}
h3{font-size:15px;margin:16px 0 8px}
p.lead{margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin-bottom:12px}
.cards.three{grid-template-columns:repeat(3,1fr)}
.card{border:1px solid #e4e7eb;border-radius:6px;padding:10px 12px;background:#fafbfc}
.card .label{color:#52606d;font-size:13px}
.card .value{font-size:20px;font-weight:bold;font-variant-numeric:tabular-nums}
.card.big{background:#fff7f6;border-color:#f2c9c5}
.card.big .value{font-size:30px;color:#b3261e}
.card .change{font-size:12px}
.good{color:#1b7f3b}.bad{color:#c2261e}.flat,.neutral{color:#7b8794}
figure.chart{margin:12px 0 20px}
.chart-body{overflow-x:auto}
figure.chart svg{display:block;max-width:100%;height:auto;margin:0 auto}
figcaption{font-size:13px;color:#52606d;text-align:center;margin-top:6px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:13px;margin:4px 0 12px}
th,td{border:1px solid #d9dee4;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:bold;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.empty{text-align:center;color:#7b8794}
tbody tr:nth-child(even){background:#fafbfc}
.ladder{display:flex;gap:8px;margin-bottom:12px}
.ladder div{flex:1;border-radius:4px;padding:8px 12px;color:#fff}
.ladder .l1{background:#d9a02b}.ladder .l2{background:#d96a2b}.ladder .l3{background:#b3261e}
.ladder b{font-size:20px;margin-left:6px}
.level{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;white-space:nowrap}
.level.SUPERVISOR_TALK{background:#d9a02b}.level.HEAD_TALK{background:#d96a2b}.level.RECTIFICATION{background:#b3261e}
dl.duty{display:grid;grid-template-columns:8em 1fr;gap:4px 12px;margin:0}
dl.duty dt{color:#52606d}
dl.duty dd{margin:0}
footer{color:#7b8794;font-size:12px;text-align:center;margin-top:16px}
@media print{body{background:#fff}main{max-width:none;padding:0}figure.chart,table tr{break-inside:avoid}}
`;

/** Renders the report as one self-contained HTML page (UTF-8). */
export function renderMonthlyReportHtml(report: MonthlyReport, options: HtmlRenderOptions = {}): string {
  const charts = renderMonthlyReportCharts(report);
  const caps = captions(report);
  const fig = (id: ChartId) => chartFigure(id, CHART_IDS.indexOf(id) + 1, charts[id], caps[id]);
  const title = `${REPORT_TITLE}（${monthLabel(report.month)}）`;
  const rate = (v: number | null) => e(fmtPercent(v));

  const threeRates = THREE_RATES.map((k) => metricCard(METRICS.find((m) => m.key === k)!, report, true)).join('\n');
  const otherMetrics = METRICS.filter((m) => !THREE_RATES.includes(m.key))
    .map((m) => metricCard(m, report, false))
    .join('\n');

  const rankingTable = table(
    ['排名', '单位', '综合得分', '较上月', '受理量', '按时回复率', '解决率', '满意率', '超期量'],
    [...report.ranking]
      .sort((a, b) => a.rank - b.rank)
      .map((r) => [
        e(r.rank),
        e(r.departmentName),
        e(fmtDecimal(r.score)),
        changeArrow(r.change),
        e(fmtCount(r.rates.received)),
        rate(r.rates.replyOnTimeRate),
        rate(r.rates.resolutionRate),
        rate(r.rates.satisfactionRate),
        e(fmtCount(r.rates.overdue)),
      ]),
    { className: 'ranking', empty: '本月无排名', numeric: [0, 2, 3, 4, 5, 6, 7, 8] },
  );

  const ladder = `<div class="ladder">${ACCOUNTABILITY_ORDER.map(
    (level, i) => `<div class="l${i + 1}">${e(ACCOUNTABILITY_LABELS[level])}<b>${report.accountability.filter((a) => a.level === level).length}</b></div>`,
  ).join('')}</div>`;
  const accountabilityTable = table(
    ['问责层级', '单位', '原因'],
    [...report.accountability]
      .sort((a, b) => ACCOUNTABILITY_ORDER.indexOf(b.level) - ACCOUNTABILITY_ORDER.indexOf(a.level))
      .map((a) => [`<span class="level ${e(a.level)}">${e(accountabilityLabel(a.level))}</span>`, e(a.departmentName), e(a.reason)]),
    { empty: '本月无约谈问责' },
  );

  const keyTable = table(
    ['领域', '受理量', '办结量', '超期量', '满意率'],
    report.keyCategories.map((k) => [e(k.name), e(fmtCount(k.received)), e(fmtCount(k.closed)), e(fmtCount(k.overdue)), rate(k.satisfactionRate)]),
    { empty: '本月无数据', numeric: [1, 2, 3, 4] },
  );

  const hotTable = table(
    ['序号', '热点问题', '区域', '关联工单', '热度', '状态'],
    report.hotIssues
      .slice(0, options.hotIssueLimit ?? 10)
      .map((x, i) => [e(i + 1), e(x.title), e(x.region), e(fmtCount(x.members)), e(fmtDecimal(x.score)), e(hotIssueStatusLabel(x.status))]),
    { empty: '本月无热点问题', numeric: [0, 3, 4] },
  );

  const twiceTable = table(
    ['序号', '工单编号', '诉求标题', '承办单位'],
    report.twiceUnsatisfied.map((x, i) => [e(i + 1), e(x.code), e(x.title), e(x.department ?? DASH)]),
    { empty: '本月无二次不满意工单', numeric: [0] },
  );

  const d = report.dutyDay;
  const duty = d
    ? `<dl class="duty">
<dt>值班领导</dt><dd>${e(d.leader ?? DASH)}</dd>
<dt>日期</dt><dd>${e(d.date ?? DASH)}</dd>
<dt>疑难诉求类别</dt><dd>${e(d.categories.length ? d.categories.join('、') : DASH)}</dd>
<dt>疑难件数</dt><dd>${e(fmtCount(d.hardCases))}件</dd>
</dl>`
    : '<p class="lead">本月无区长热线日安排。</p>';

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="民意速办数据中枢 Minyi Hub">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header class="report">
<h1>${e(REPORT_TITLE)}</h1>
<div class="sub">${e(monthLabel(report.month))}　·　生成时间 ${e(shanghaiDateTime(report.generatedAt))}（北京时间）</div>
</header>
<section id="headline">
<h2>一、总体情况</h2>
<p class="lead">${e(summary(report))}</p>
<h3>三率</h3>
<div class="cards three">
${threeRates}
</div>
<h3>其他指标</h3>
<div class="cards">
${otherMetrics}
</div>
${report.headline.previous ? '' : '<p class="lead neutral">无上月数据，不计算变化。</p>'}
</section>
<section id="trend">
<h2>二、受理趋势</h2>
${fig('trend')}
</section>
<section id="mix">
<h2>三、渠道与分类</h2>
${fig('channels')}
${fig('categories')}
</section>
<section id="townships">
<h2>四、镇街分布</h2>
${fig('townships')}
</section>
<section id="ranking">
<h2>五、部门排名</h2>
${fig('ranking')}
${rankingTable}
</section>
<section id="accountability">
<h2>六、约谈问责</h2>
${ladder}
${accountabilityTable}
</section>
<section id="key-categories">
<h2>七、重点领域</h2>
${fig('key-categories')}
${keyTable}
</section>
<section id="hot-issues">
<h2>八、热点问题</h2>
${hotTable}
</section>
<section id="twice-unsatisfied">
<h2>九、二次不满意工单</h2>
${twiceTable}
</section>
<section id="duty-day">
<h2>十、区长热线日</h2>
${duty}
</section>
<footer>“—”表示无数据或分母为0；比率的变化以百分点计。数据来源：民意速办数据中枢。</footer>
</main>
</body>
</html>
`;
}
