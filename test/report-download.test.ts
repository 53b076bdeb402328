import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoOrders } from '../src/demo/generator';
import { reportLinkKey, signReportLink, verifyReportLink } from '../src/analytics/report/report-link';
import { startTestHub, type TestHub } from './support/hub';

/** An error answer of the download endpoint. */
/** The API's error contract, flattened to the first error's code and message. */
const problem = async (res: Response) => {
  const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string; messageZh: string; messageEn: string } }> };
  expect(body.errors[0].extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
  return { code: body.errors[0].extensions.code, message: body.errors[0].message };
};

const MUTATION = `mutation($m: String!, $f: ReportFormat!) { generateMonthlyReport(month: $m, format: $f) { url fileName expiresAt } }`;

/** 热线月报 as a file: signed links from the mutation, the download endpoint's access rules, and the CLI. */
describe('monthly report download', () => {
  let t: TestHub;
  const now = new Date('2026-10-28T04:00:00Z'); // a fixed clock, never the calendar date
  const month = now.toISOString().slice(0, 7);
  let key: Buffer;

  beforeAll(async () => {
    t = await startTestHub();
    key = reportLinkKey(t.hub.services.config.dataKey!);
    await generateDemoOrders(t.em(), t.hub.services.cipher, { orders: 150, seed: 7, now });
  });
  afterAll(() => t.close());

  const get = (path: string, token?: string) => fetch(new URL(path, t.hub.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const link = async (format: 'XLSX' | 'HTML', token = t.tokens.ANALYST) => {
    const q = await t.gql(token, MUTATION, { m: month, f: format });
    expect(q.errors).toBeUndefined();
    return q.data.generateMonthlyReport as { url: string; fileName: string; expiresAt: string };
  };

  it('the mutation signs a 15-minute link that downloads the xlsx without a token', async () => {
    const made = await link('XLSX');
    expect(made.url).toMatch(new RegExp(`^/reports/monthly/${month}\\.xlsx\\?expires=\\d+&by=\\d+&signature=[\\w-]{43}$`));
    expect(made.fileName).toBe(`赣县区12345热线月报-${month}.xlsx`);
    const lifetime = Date.parse(made.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);

    const res = await get(made.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(made.fileName);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
  });

  it('downloads the HTML with its charts', async () => {
    const res = await get((await link('HTML', t.tokens.LEADER)).url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<svg');
  });

  it('refuses a tampered, re-targeted or expired link with 403', async () => {
    const { url } = await link('XLSX');
    const signature = new URL(url, t.hub.url).searchParams.get('signature')!;
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    const tampered = await get(url.replace(signature, flipped));
    expect(tampered.status).toBe(403);
    expect(await problem(tampered)).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/签名.*\|.*signature/) });
    expect((await get(url.replace(`${month}.xlsx`, `${month}.html`))).status).toBe(403);
    expect((await get(url.replace(/expires=(\d+)/, (_m, s) => `expires=${Number(s) + 3600}`))).status).toBe(403);

    const expired = signReportLink({ month, format: 'xlsx', viewerTokenId: 1, expiresAt: new Date(Date.now() - 1000) }, key);
    const res = await get(expired);
    expect(res.status).toBe(403);
    expect((await problem(res)).message).toMatch(/过期.*\|.*expired/);
  });

  it('with no link: an analytics token is let in, other roles get 403 and nobody 401', async () => {
    const path = `/reports/monthly/${month}.html`;
    expect((await get(path, t.tokens.ANALYST)).status).toBe(200);
    const handler = await get(path, t.tokens['HANDLER:SCJGJ']);
    expect(handler.status).toBe(403);
    expect((await problem(handler)).code).toBe('FORBIDDEN');
    const anonymous = await get(path);
    expect(anonymous.status).toBe(401);
    expect(await problem(anonymous)).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/未认证.*\|.*[A-Za-z]/) });
    expect((await get(path, 'mh_not-a-token')).status).toBe(401);
  });

  it('answers 400 for a bad month or format, and the mutation BAD_USER_INPUT', async () => {
    for (const file of ['2026-13.xlsx', '2026-10.pdf', '202610.html']) {
      const res = await get(`/reports/monthly/${file}`, t.tokens.ANALYST);
      expect(res.status).toBe(400);
      expect((await problem(res)).code).toBe('BAD_USER_INPUT');
    }
    const bad = await t.gql(t.tokens.ANALYST, MUTATION, { m: '2026-13', f: 'XLSX' });
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('refuses the mutation to roles that may not read statistics', async () => {
    const q = await t.gql(t.tokens['HANDLER:SCJGJ'], MUTATION, { m: month, f: 'HTML' });
    expect(q.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gql(null, MUTATION, { m: month, f: 'HTML' })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('`minyi report` writes the HTML report of the test database', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'minyi-report-')), 'report.html');
    const result = await cli(['report', '--month', month, '--format', 'html', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(out);
    expect(result.stderr).toMatch(/月报 report \[#+\] 100%/);
    expect(existsSync(out)).toBe(true);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<svg');
  });

  it('`minyi report` with bad arguments prints the usage and exits 2', async () => {
    for (const args of [
      ['report', '--month', '2026-13', '--format', 'html'],
      ['report', '--month', month, '--format', 'pdf'],
      ['report', '--format', 'xlsx'],
    ]) {
      const result = await cli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('report --month yyyy-MM --format xlsx|html');
    }
  });

  function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'src', 'cli', 'minyi.js'), ...args], {
        env: { PATH: process.env.PATH, DATABASE_URL: t.hub.database.url, MINYI_DATA_KEY: t.hub.services.config.dataKey!.toString('hex'), LOG_LEVEL: 'silent' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }
});

/** The link format on its own: what the signature covers, one spelling, expiry, and a key of its own. */
describe('report links', () => {
  const key = reportLinkKey(Buffer.alloc(32, 7));
  const now = new Date('2026-11-02T08:00:00Z');
  const parts = (path: string) => {
    const url = new URL(path, 'http://hub');
    const [month, format] = url.pathname.split('/').pop()!.split('.') as [string, 'xlsx' | 'html'];
    return { month, format, ...Object.fromEntries(url.searchParams) };
  };
  const signed = signReportLink({ month: '2026-10', format: 'xlsx', viewerTokenId: 42, expiresAt: new Date(now.getTime() + 60_000) }, key);

  it('verifies its own link and names the token behind it', () => {
    expect(verifyReportLink(parts(signed), key, now)).toEqual({ ok: true, month: '2026-10', format: 'xlsx', viewerTokenId: 42 });
  });

  it('refuses another month, token, key or spelling, and a link past its expiry', () => {
    expect(verifyReportLink({ ...parts(signed), month: '2026-09' }, key, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyReportLink({ ...parts(signed), by: '43' }, key, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyReportLink(parts(signed), reportLinkKey(Buffer.alloc(32, 8)), now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyReportLink({ ...parts(signed), by: '042' }, key, now)).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(verifyReportLink({ ...parts(signed), signature: undefined }, key, now)).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(verifyReportLink(parts(signed), key, new Date(now.getTime() + 60_000))).toEqual({ ok: false, reason: 'EXPIRED' });
  });

  it('never uses the data key itself', () => {
    const dataKey = Buffer.alloc(32, 7);
    expect(reportLinkKey(dataKey).equals(dataKey)).toBe(false);
  });
});
