import { existsSync } from 'node:fs';
import { checkBaseUrl, checkIntRange, checkTimeoutMs, ConnectorConfigError, readInt, throwAllProblems, withHiddenSecret } from '../shared/config';
import { parseIsoDateTime } from '../../src/common/time';

/**
 * The 信访 connector's configuration, from the environment:
 *
 * | Variable | Meaning | Default |
 * |---|---|---|
 * | `MINYI_XF_URL` | the endpoint, e.g. `https://xf.example.gov.cn/xfjk/services/XfDataExchange` (petition.md §1); its presence enables the channel | required |
 * | `MINYI_XF_SYS_CODE` | `<SysCode>` assigned to the hub, e.g. `GX12345` (§1) | required |
 * | `MINYI_XF_AUTH_CODE` | `<AuthCode>`, the 32-character shared secret (§1); never logged | required |
 * | `MINYI_XF_START` | initial watermark W on `GXSJ` (§2), ISO 8601 with offset | `2024-03-01T00:00:00+08:00` |
 * | `MINYI_XF_PAGE_SIZE` | `<PageSize>`, 1–100 (§2) | `50` |
 * | `MINYI_XF_TIMEOUT_MS` | per-request timeout | `30000` |
 * | `MINYI_XF_POLL_SECONDS` | poll interval, 0 = off (§2: every 10 min) | `600` |
 * | `MINYI_XF_TLS_CERT` / `MINYI_XF_TLS_KEY` | client certificate and key files (PEM) for mutual TLS (§1), set together | none |
 * | `MINYI_XF_TLS_CA` | CA bundle (PEM) of the petition bureau's server certificate | system CAs |
 *
 * The TLS files are used only with an https URL (the local simulator runs plain http: "simulators may
 * skip"). The AuthCode is not enumerable (JSON.stringify and console.log skip it) and never appears in
 * messages; only its length does.
 */
export interface ConfigXf {
  /** The endpoint URL, without a trailing slash. */
  readonly url: string;
  readonly sysCode: string;
  /** Not enumerable. */
  readonly authCode: string;
  /** Initial watermark W (§2), ISO 8601 with offset, verbatim as configured. */
  readonly startWatermark: string;
  readonly pageSize: number;
  readonly requestTimeoutMs: number;
  readonly pollSeconds: number;
  /** File paths for mutual TLS; null when not configured. */
  readonly tls: { readonly certFile: string | null; readonly keyFile: string | null; readonly caFile: string | null };
}

export const DEFAULT_START_WATERMARK = '2024-03-01T00:00:00+08:00';
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** §2: poll every 10 minutes. */
export const DEFAULT_POLL_SECONDS = 600;
const SYS_CODE = /^[A-Za-z0-9_-]{1,32}$/;
/** §1: a 32-character shared secret (the sample is hex); a header value cannot carry spaces or controls. */
const AUTH_CODE = /^[\x21-\x7e]{32}$/;

/** Invalid configuration; `problems` lists every issue, bilingual, never the AuthCode. */
export class ConfigError extends ConnectorConfigError {
  constructor(problems: string[]) {
    super('信访 (xf) connector configuration is invalid / 信访连接器配置无效', problems);
  }
}

export interface ConfigXfValues {
  url: string;
  sysCode: string;
  authCode: string;
  startWatermark?: string;
  pageSize?: number;
  requestTimeoutMs?: number;
  pollSeconds?: number;
  tls?: { certFile?: string | null; keyFile?: string | null; caFile?: string | null };
}

/** Builds a configuration object whose AuthCode stays out of logs and JSON. */
export function makeConfigXf(values: ConfigXfValues): ConfigXf {
  const problems: string[] = [];
  const url = checkBaseUrl(values.url, 'MINYI_XF_URL', '信访', problems);
  if (!SYS_CODE.test(values.sysCode ?? '')) problems.push('MINYI_XF_SYS_CODE must be 1–32 characters of A–Z a–z 0–9 _ - / 系统编码（SysCode）格式无效');
  const authCode = typeof values.authCode === 'string' ? values.authCode : '';
  if (!AUTH_CODE.test(authCode)) {
    problems.push(
      `MINYI_XF_AUTH_CODE has ${authCode.length} characters or contains spaces/control characters; expected 32 printable ASCII characters (petition.md §1) / ` +
        '授权码（AuthCode）格式无效（应为 32 个可见 ASCII 字符）',
    );
  }
  const startWatermark = values.startWatermark ?? DEFAULT_START_WATERMARK;
  if (!parseIsoDateTime(startWatermark, { requireOffset: true })) {
    problems.push('MINYI_XF_START must be an ISO 8601 date-time with an offset, e.g. 2024-03-01T00:00:00+08:00 / 初始水位须为带时区偏移的 ISO 8601 时间');
  }
  const pageSize = values.pageSize ?? DEFAULT_PAGE_SIZE;
  checkIntRange(pageSize, 1, MAX_PAGE_SIZE, 'MINYI_XF_PAGE_SIZE must be an integer 1–100 (petition.md §2) / 每页条数须为 1–100 的整数', problems);
  const requestTimeoutMs = values.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  checkTimeoutMs(requestTimeoutMs, 'MINYI_XF_TIMEOUT_MS', problems);
  const pollSeconds = values.pollSeconds ?? DEFAULT_POLL_SECONDS;
  checkIntRange(pollSeconds, 0, 86_400, 'MINYI_XF_POLL_SECONDS must be an integer 0–86400 (0 = off) / 拉取间隔须为 0–86400 秒的整数', problems);
  const tls = {
    certFile: values.tls?.certFile || null,
    keyFile: values.tls?.keyFile || null,
    caFile: values.tls?.caFile || null,
  };
  if ((tls.certFile === null) !== (tls.keyFile === null)) {
    problems.push('MINYI_XF_TLS_CERT and MINYI_XF_TLS_KEY must be set together (mutual TLS, petition.md §1) / 客户端证书与私钥须同时配置');
  }
  for (const [name, file] of [
    ['MINYI_XF_TLS_CERT', tls.certFile],
    ['MINYI_XF_TLS_KEY', tls.keyFile],
    ['MINYI_XF_TLS_CA', tls.caFile],
  ] as const) {
    if (file !== null && !existsSync(file)) problems.push(`${name}: file not found / 证书文件不存在`);
  }
  if (problems.length) throw new ConfigError(problems);

  const config = { url, sysCode: values.sysCode, startWatermark, pageSize, requestTimeoutMs, pollSeconds, tls: Object.freeze(tls) } as ConfigXf;
  return withHiddenSecret(config, 'ConfigXf', 'authCode', authCode, '[redacted]');
}

/** Reads and validates the environment; throws ConfigError listing every problem. */
export function loadConfigXf(env: NodeJS.ProcessEnv = process.env): ConfigXf {
  const problems: string[] = [];
  const url = env.MINYI_XF_URL?.trim() ?? '';
  if (!url) problems.push('MINYI_XF_URL is not set / 未设置信访接口地址，例如 https://xf.example.gov.cn/xfjk/services/XfDataExchange');
  const sysCode = env.MINYI_XF_SYS_CODE?.trim() ?? '';
  if (!sysCode) problems.push('MINYI_XF_SYS_CODE is not set / 未设置系统编码（SysCode）');
  const authCode = env.MINYI_XF_AUTH_CODE?.trim() ?? '';
  if (!authCode) problems.push('MINYI_XF_AUTH_CODE is not set / 未设置授权码（AuthCode）');
  const pageSize = readInt(env.MINYI_XF_PAGE_SIZE, 'MINYI_XF_PAGE_SIZE', '每页条数', problems);
  const requestTimeoutMs = readInt(env.MINYI_XF_TIMEOUT_MS, 'MINYI_XF_TIMEOUT_MS', '请求超时', problems);
  const pollSeconds = readInt(env.MINYI_XF_POLL_SECONDS, 'MINYI_XF_POLL_SECONDS', '拉取间隔', problems);
  const startWatermark = env.MINYI_XF_START?.trim() || undefined;
  const tls = { certFile: env.MINYI_XF_TLS_CERT?.trim() || null, keyFile: env.MINYI_XF_TLS_KEY?.trim() || null, caFile: env.MINYI_XF_TLS_CA?.trim() || null };
  const values = { url, sysCode, authCode, startWatermark, pageSize, requestTimeoutMs, pollSeconds, tls };
  if (problems.length) {
    const placeholders = {
      url: url || 'https://placeholder.invalid/xfjk/services/XfDataExchange',
      sysCode: sysCode || 'placeholder',
      authCode: authCode || 'x'.repeat(32),
    };
    throwAllProblems(
      problems,
      () => makeConfigXf({ ...values, ...placeholders }),
      (all) => new ConfigError(all),
    );
  }
  return makeConfigXf(values);
}
