import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workbook, type Worksheet } from 'exceljs';
import {
  CHART_IDS,
  renderMonthlyReport,
  renderMonthlyReportHtml,
  renderMonthlyReportXlsx,
  XLSX_HEADER_ROW,
  XLSX_SHEETS,
  type MonthlyReport,
} from '../src/analytics/report';
import { TOWNSHIPS } from '../src/reference/townships';
import { emptyMonthlyReport, sampleMonthlyReport } from './support/sample-monthly-report';
import { Chromium } from './support/chromium';

/**
 * The monthly report renderers: the xlsx is read back with exceljs; the HTML is checked as text
 * and then opened in headless Chromium (Debian's chromium package), driven over the Chrome
 * DevTools Protocol on --remote-debugging-pipe, to see that it renders with no console errors
 * and that its charts are there.
 */

async function readXlsx(buffer: Buffer): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

function headings(ws: Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(XLSX_HEADER_ROW).eachCell((cell) => out.push(String(cell.value)));
  return out;
}

/** The data row (1-based among data rows) whose first column equals `first`. */
function rowWhere(ws: Worksheet, column: number, value: unknown): number {
  for (let r = XLSX_HEADER_ROW + 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(column).value === value) return r;
  throw new Error(`no row with ${String(value)} in column ${column} of ${ws.name}`);
}

function col(ws: Worksheet, heading: string): number {
  const i = headings(ws).indexOf(heading);
  if (i < 0) throw new Error(`no heading ${heading} in ${ws.name}: ${headings(ws).join(',')}`);
  return i + 1;
}

/** A report whose texts try to break out of the HTML. */
function hostileReport(): MonthlyReport {
  const report = sampleMonthlyReport();
  report.hotIssues[0].title = '<script>alert("xss")</script>梅林镇噪音';
  report.hotIssues[1].region = '"><img src=x onerror=alert(1)>';
  report.ranking[0].departmentName = "区<b>住建</b>局 & 'quote'";
  report.categories[0].name = '<svg onload=alert(1)>水电气热';
  report.channels[0].name = '12345</text><script>alert(2)</script>';
  report.twiceUnsatisfied[0].title = '</td></tr></table><iframe src="https://evil.example"></iframe>';
  report.accountability[0].reason = '<style>body{display:none}</style>原因';
  return report;
}

describe('monthly report: xlsx', () => {
  const report = sampleMonthlyReport();
  let wb: Workbook;
  const progress: Array<[number, number]> = [];

  beforeAll(async () => {
    wb = await readXlsx(await renderMonthlyReportXlsx(report, { onProgress: (done, total) => progress.push([done, total]) }));
  });

  it('has one worksheet per table, each with a title row, a frozen Chinese header row and column widths', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([...XLSX_SHEETS]);
    for (const ws of wb.worksheets) {
      expect(String(ws.getCell('A1').value)).toContain('赣县区12345热线月报（2026年10月）');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });
      expect(headings(ws).length).toBeGreaterThan(1);
      for (const h of headings(ws)) expect(h).toMatch(/[\u4e00-\u9fff]/);
      expect(ws.getColumn(1).width).toBeGreaterThan(0);
    }
    expect(headings(wb.getWorksheet('总览')!)).toEqual(['指标', '本月', '上月', '变化', '环比']);
    expect(headings(wb.getWorksheet('渠道')!)).toEqual(['渠道编码', '渠道名称', '受理量', '占比']);
    expect(headings(wb.getWorksheet('部门排名')!).slice(0, 5)).toEqual(['排名', '部门编码', '部门名称', '综合得分', '较上月（分）']);
    expect(progress).toEqual(XLSX_SHEETS.map((_, i) => [i + 1, XLSX_SHEETS.length]));
  });

  it('stores counts as numbers and percentages as fractions formatted 0.0%', () => {
    const channels = wb.getWorksheet('渠道')!;
    const r = rowWhere(channels, 1, '12345');
    const count = channels.getRow(r).getCell(col(channels, '受理量'));
    const share = channels.getRow(r).getCell(col(channels, '占比'));
    expect(typeof count.value).toBe('number');
    expect(count.value).toBe(report.channels[0].received);
    expect(typeof share.value).toBe('number');
    expect(share.value).toBeCloseTo(report.channels[0].share, 6);
    expect(share.numFmt).toBe('0.0%');

    const overview = wb.getWorksheet('总览')!;
    const sat = overview.getRow(rowWhere(overview, 1, '满意率'));
    expect(sat.getCell(2).value).toBe(report.headline.satisfactionRate);
    expect(sat.getCell(2).numFmt).toBe('0.0%');
    expect(sat.getCell(3).value).toBe(report.headline.previous!.satisfactionRate);
    expect(sat.getCell(4).value).toBeCloseTo((report.headline.satisfactionRate! - report.headline.previous!.satisfactionRate!) * 100, 6);
    const received = overview.getRow(rowWhere(overview, 1, '受理量'));
    expect(received.getCell(2).value).toBe(report.headline.received);
    expect(received.getCell(2).numFmt).toBe('#,##0');

    const trend = wb.getWorksheet('趋势')!;
    expect(trend.rowCount).toBe(XLSX_HEADER_ROW + 31);
    expect(trend.getCell(`A${XLSX_HEADER_ROW + 1}`).value).toEqual(new Date('2026-10-01T00:00:00Z'));
    expect(typeof trend.getCell(`B${XLSX_HEADER_ROW + 1}`).value).toBe('number');

    const towns = wb.getWorksheet('镇街')!;
    expect(towns.rowCount).toBe(XLSX_HEADER_ROW + 19);
    expect(towns.getRow(rowWhere(towns, 2, '白鹭乡')).getCell(4).value).toBe('—'); // no population

    const categories = wb.getWorksheet('分类')!;
    expect(categories.rowCount).toBe(XLSX_HEADER_ROW + 20);
  });

  it('writes null rates as "—" and keeps the others numeric in the ranking', () => {
    const ranking = wb.getWorksheet('部门排名')!;
    const idle = report.ranking.find((r) => r.rates.received === 0)!;
    const row = ranking.getRow(rowWhere(ranking, 2, idle.departmentCode));
    expect(row.getCell(col(ranking, '满意率')).value).toBe('—');
    expect(row.getCell(col(ranking, '受理量')).value).toBe(0);
    const first = ranking.getRow(XLSX_HEADER_ROW + 1);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(col(ranking, '综合得分')).value).toBe(report.ranking[0].score);
    expect(first.getCell(col(ranking, '按时回复率')).numFmt).toBe('0.0%');
    expect(typeof first.getCell(col(ranking, '按时回复率')).value).toBe('number');

    const talks = wb.getWorksheet('约谈')!;
    expect(talks.getRow(XLSX_HEADER_ROW + 1).getCell(col(talks, '问责层级')).value).toBe('限期整改');
    const duty = wb.getWorksheet('区长热线日')!;
    expect(duty.getRow(rowWhere(duty, 1, '值班领导')).getCell(2).value).toBe('陈婷婷');
    expect(duty.getRow(rowWhere(duty, 1, '疑难件数')).getCell(2).value).toBe(6);
  });

  it('renders an empty month', async () => {
    const empty = await readXlsx((await renderMonthlyReport(emptyMonthlyReport(), 'xlsx')).body);
    expect(empty.worksheets.map((ws) => ws.name)).toEqual([...XLSX_SHEETS]);
    const overview = empty.getWorksheet('总览')!;
    expect(overview.getRow(rowWhere(overview, 1, '满意率')).getCell(2).value).toBe('—');
    expect(overview.getRow(rowWhere(overview, 1, '受理量')).getCell(2).value).toBe(0);
    expect(empty.getWorksheet('热点')!.getCell(`A${XLSX_HEADER_ROW + 1}`).value).toBe('本月无热点问题');
  });
});

describe('monthly report: html', () => {
  const html = renderMonthlyReportHtml(sampleMonthlyReport());

  it('is one self-contained Chinese page: no external references, no scripts', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>赣县区12345热线月报（2026年10月）</title>');
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|\bsrc=|@import/i);
    expect(html.match(/url\([^)]*\)/g)?.every((u) => u.startsWith('url(#')) ?? true).toBe(true);
    for (const text of [
      '三率',
      '按时回复率',
      '解决率',
      '满意率',
      '部门排名',
      '分管领导约谈',
      '主要负责人约谈',
      '限期整改',
      '重点领域',
      '热点问题',
      '二次不满意',
      '区长热线日',
      '陈婷婷',
    ]) {
      expect(html).toContain(text);
    }
  });

  it('has every chart inline as an SVG in a data-chart container', () => {
    const figures = html.split('<figure class="chart" data-chart="').slice(1);
    expect(figures.map((f) => f.slice(0, f.indexOf('"')))).toEqual([...CHART_IDS]);
    for (const f of figures) {
      const body = f.slice(0, f.indexOf('</figure>'));
      expect(body).toContain('<svg');
      expect(body).toContain('</svg>');
      expect(body).toContain('<figcaption>');
    }
    // Township names of the county appear in the township chart.
    const towns = figures.find((f) => f.startsWith('townships'))!;
    for (const t of TOWNSHIPS) expect(towns).toContain(t.name);
    // Deterministic: the same data renders the same page (ids do not depend on the process).
    expect(renderMonthlyReportHtml(sampleMonthlyReport())).toBe(html);
  });

  it('escapes every text from the data', () => {
    const page = renderMonthlyReportHtml(hostileReport());
    expect(page).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;梅林镇噪音');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('区&lt;b&gt;住建&lt;/b&gt;局 &amp; &#39;quote&#39;');
    expect(page).not.toMatch(/<script|<img|<iframe|<b>住建|<svg onload|<style>body/i);
    expect(page).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;iframe src=&quot;');
  });

  it('renders an empty month with readable empty charts', async () => {
    const { body, contentType, fileName } = await renderMonthlyReport(emptyMonthlyReport(), 'html');
    const page = body.toString('utf8');
    expect(contentType).toBe('text/html; charset=utf-8');
    expect(fileName).toBe('赣县区12345热线月报-2026-10.html');
    for (const id of CHART_IDS) expect(page).toContain(`data-chart="${id}"`);
    expect(page.match(/<svg/g)).toHaveLength(CHART_IDS.length);
    expect(page.match(/本月无数据/g)!.length).toBeGreaterThanOrEqual(CHART_IDS.length);
    expect(page).toContain('本月无区长热线日安排');
  });
});

/** Runs in the page: what the report looks like once laid out. */
const PROBE = `(() => {
  const charts = [...document.querySelectorAll('[data-chart]')].map((el) => {
    const svgs = el.querySelectorAll('svg');
    const box = svgs[0] ? svgs[0].getBoundingClientRect() : { width: 0, height: 0 };
    return {
      id: el.getAttribute('data-chart'),
      svgs: svgs.length,
      width: box.width,
      height: box.height,
      shapes: svgs[0] ? svgs[0].querySelectorAll('path, rect, polyline, circle').length : 0,
      texts: svgs[0] ? [...svgs[0].querySelectorAll('text')].map((t) => t.textContent) : [],
      caption: el.querySelector('figcaption')?.textContent ?? '',
    };
  });
  return {
    title: document.title,
    lang: document.documentElement.lang,
    h1: document.querySelector('h1')?.textContent,
    scripts: document.scripts.length,
    images: document.images.length,
    iframes: document.querySelectorAll('iframe').length,
    resources: performance.getEntriesByType('resource').map((r) => r.name),
    tables: document.querySelectorAll('table').length,
    rankingRows: document.querySelectorAll('table.ranking tbody tr').length,
    arrows: [...document.querySelectorAll('table.ranking td')].filter((td) => /[▲▼]/.test(td.textContent)).length,
    text: document.body.innerText,
    charts,
  };
})()`;

describe('monthly report: headless Chromium', () => {
  let browser: Chromium;
  let dir: string;

  beforeAll(() => {
    browser = Chromium.launch();
    dir = mkdtempSync(join(tmpdir(), 'minyi-report-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, html: string): string {
    const path = join(dir, name);
    writeFileSync(path, html);
    return pathToFileURL(path).href;
  }

  it('sees console errors, exceptions and failed loads (so that "none" below means something)', async () => {
    const url = write('broken.html', `<!DOCTYPE html><html><body><img src="missing.png"><script>console.error('boom-console'); null.x;</script></body></html>`);
    const { errors, value } = await browser.open(url, 'document.body.childElementCount');
    expect(value).toBe(2);
    expect(errors.join('\n')).toContain('boom-console');
    expect(errors.some((m) => m.startsWith('exception:'))).toBe(true);
    expect(errors.some((m) => m.includes('missing.png'))).toBe(true);
  });

  it('renders the HTML report with no console errors and all charts present', async () => {
    const report = sampleMonthlyReport();
    const { errors, value } = await browser.open(write('report.html', renderMonthlyReportHtml(report)), PROBE);
    expect(errors).toEqual([]);
    expect(value.title).toBe('赣县区12345热线月报（2026年10月）');
    expect(value.lang).toBe('zh-CN');
    expect(value.h1).toBe('赣县区12345热线月报');
    expect(value.scripts).toBe(0);
    expect(value.images).toBe(0);
    expect(value.resources).toEqual([]); // nothing fetched: self-contained
    expect(value.charts.map((c: any) => c.id)).toEqual([...CHART_IDS]);
    for (const chart of value.charts) {
      expect(chart.svgs).toBe(1);
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(200);
      expect(chart.shapes).toBeGreaterThan(5);
      expect(chart.caption).toMatch(/^图\d/);
    }
    const texts = Object.fromEntries(value.charts.map((c: any) => [c.id, c.texts.join('|')]));
    expect(texts.trend).toContain('受理量');
    expect(texts.trend).toContain('10-01');
    expect(texts.channels).toContain('12345政务服务便民热线');
    expect(texts.categories).toContain('劳动保障');
    expect(texts.townships).toContain('梅林镇');
    expect(texts.ranking).toContain(`1. ${report.ranking[0].departmentName}`);
    expect(texts['key-categories']).toContain('农村饮水住房安全');
    expect(value.rankingRows).toBe(report.ranking.length);
    expect(value.arrows).toBeGreaterThan(0);
    for (const text of ['一、总体情况', '三率', '按时回复率', '限期整改', '二次不满意工单', '区长热线日', '陈婷婷']) expect(value.text).toContain(text);
  });

  it('shows hostile data as text, runs nothing, and renders an empty month', async () => {
    const hostile = await browser.open(write('hostile.html', renderMonthlyReportHtml(hostileReport())), PROBE);
    expect(hostile.errors).toEqual([]);
    expect(hostile.value.scripts + hostile.value.images + hostile.value.iframes).toBe(0);
    expect(hostile.value.text).toContain('<script>alert("xss")</script>梅林镇噪音');
    expect(hostile.value.charts.find((c: any) => c.id === 'categories').texts.join('|')).toContain('<svg onload=alert(1)>水电气热');

    const empty = await browser.open(write('empty.html', renderMonthlyReportHtml(emptyMonthlyReport())), PROBE);
    expect(empty.errors).toEqual([]);
    expect(empty.value.charts).toHaveLength(CHART_IDS.length);
    for (const chart of empty.value.charts) {
      expect(chart.svgs).toBe(1);
      expect(chart.height).toBeGreaterThan(0);
      expect(chart.texts).toContain('本月无数据');
    }
  });
});
