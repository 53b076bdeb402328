import { checkBaseUrl, checkIntRange, checkTimeoutMs, ConnectorConfigError, readInt, throwAllProblems, withHiddenSecret } from '../shared/config';
import { parseIsoDateTime } from '../../src/common/time';

/**
 * The 12333 connector's configuration, from the environment:
 *
 * | Variable | Meaning | Default |
 * |---|---|---|
 * | `MINYI_12333_URL` | base URL including `/openapi` (12333.md §1) | required |
 * | `MINYI_12333_KEY` | `X-Api-Key`, 40 hex characters (§2) | required |
 * | `MINYI_12333_START` | initial watermark: epoch ms, or ISO 8601 with offset | `2024-03-01T00:00:00+08:00` (1709222400000) |
 * | `MINYI_12333_PAGE_SIZE` | `page_size`, 1–100 (§4: larger values are silently capped at 100) | `100` |
 * | `MINYI_12333_TIMEOUT_MS` | per-request timeout | `30000` |
 *
 * The key is never logged: it is not enumerable (JSON.stringify and console.log skip it).
 */
export interface Config12333 {
  /** e.g. `https://rs12333.example.gov.cn/openapi`, without a trailing slash. */
  readonly baseUrl: string;
  /** Not enumerable. */
  readonly apiKey: string;
  /** Initial watermark W as epoch milliseconds. */
  readonly startWatermark: number;
  readonly pageSize: number;
  readonly requestTimeoutMs: number;
}

export const DEFAULT_START_WATERMARK = '2024-03-01T00:00:00+08:00';
export const DEFAULT_PAGE_SIZE = 100;
/** §4: the server treats any larger page_size as 100. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** §2: 40 hex characters. */
const API_KEY = /^[0-9a-fA-F]{40}$/;

/** Invalid configuration; `problems` lists every issue, bilingual, never the key. */
export class ConfigError extends ConnectorConfigError {
  constructor(problems: string[]) {
    super('12333 connector configuration is invalid / 12333 连接器配置无效', problems);
  }
}

/** `1709222400000` or `2024-03-01T00:00:00+08:00` → epoch ms, or null. */
export function parseStartWatermark(value: string | number): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  const text = value.trim();
  if (/^[0-9]{1,16}$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : null;
  }
  return parseIsoDateTime(text, { requireOffset: true })?.instant.getTime() ?? null;
}

/** Builds a configuration object whose key stays out of logs and JSON. */
export function makeConfig12333(values: {
  baseUrl: string;
  apiKey: string;
  startWatermark?: string | number;
  pageSize?: number;
  requestTimeoutMs?: number;
}): Config12333 {
  const problems: string[] = [];
  const baseUrl = checkBaseUrl(values.baseUrl, 'MINYI_12333_URL', '12333 ', problems);
  if (typeof values.apiKey !== 'string' || !API_KEY.test(values.apiKey)) {
    problems.push(
      `MINYI_12333_KEY has ${typeof values.apiKey === 'string' ? values.apiKey.length : 0} characters or non-hex characters; ` +
        'expected 40 hexadecimal characters (12333.md §2) / API Key 格式无效（应为 40 位十六进制字符）',
    );
  }
  const startWatermark = parseStartWatermark(values.startWatermark ?? DEFAULT_START_WATERMARK);
  if (startWatermark === null) {
    problems.push(
      'MINYI_12333_START must be epoch milliseconds or an ISO 8601 date-time with an offset, e.g. 2024-03-01T00:00:00+08:00 / ' +
        '初始水位须为毫秒时间戳或带时区偏移的 ISO 8601 时间',
    );
  }
  const pageSize = values.pageSize ?? DEFAULT_PAGE_SIZE;
  checkIntRange(pageSize, 1, MAX_PAGE_SIZE, 'MINYI_12333_PAGE_SIZE must be an integer 1–100 (12333.md §4) / 每页条数须为 1–100 的整数', problems);
  const requestTimeoutMs = values.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  checkTimeoutMs(requestTimeoutMs, 'MINYI_12333_TIMEOUT_MS', problems);
  if (problems.length) throw new ConfigError(problems);

  const config = { baseUrl, startWatermark: startWatermark!, pageSize, requestTimeoutMs } as Config12333;
  return withHiddenSecret(config, 'Config12333', 'apiKey', values.apiKey, '[redacted]');
}

/** Reads and validates the environment; throws ConfigError listing every problem. */
export function loadConfig12333(env: NodeJS.ProcessEnv = process.env): Config12333 {
  const problems: string[] = [];
  const baseUrl = env.MINYI_12333_URL?.trim() ?? '';
  if (!baseUrl) problems.push('MINYI_12333_URL is not set / 未设置 12333 接口地址，例如 https://rs12333.example.gov.cn/openapi');
  const apiKey = env.MINYI_12333_KEY?.trim() ?? '';
  if (!apiKey) problems.push('MINYI_12333_KEY is not set / 未设置 12333 API Key');
  const pageSize = readInt(env.MINYI_12333_PAGE_SIZE, 'MINYI_12333_PAGE_SIZE', '每页条数', problems);
  const requestTimeoutMs = readInt(env.MINYI_12333_TIMEOUT_MS, 'MINYI_12333_TIMEOUT_MS', '请求超时', problems);
  const startWatermark = env.MINYI_12333_START?.trim() || undefined;
  if (problems.length) {
    throwAllProblems(
      problems,
      () =>
        makeConfig12333({
          baseUrl: baseUrl || 'https://placeholder.invalid/openapi',
          apiKey: apiKey || '0'.repeat(40),
          startWatermark,
          pageSize,
          requestTimeoutMs,
        }),
      (all) => new ConfigError(all),
    );
  }
  return makeConfig12333({ baseUrl, apiKey, startWatermark, pageSize, requestTimeoutMs });
}
