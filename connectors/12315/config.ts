import { checkBaseUrl, checkIntRange, checkTimeoutMs, ConnectorConfigError, readInt, throwAllProblems, withHiddenSecret } from '../shared/config';
import { parseIsoDateTime } from '../../src/common/time';

/**
 * The 12315 connector's configuration, from the environment (like an Airbyte spec.json):
 *
 * | Variable | Meaning | Default |
 * |---|---|---|
 * | `MINYI_12315_URL` | base URL including `/api/v1` (12315.md §1) | required |
 * | `MINYI_12315_TOKEN` | Bearer token; comma-separated while two are valid during rotation (§2) | required |
 * | `MINYI_12315_START` | initial watermark agreed at onboarding (§3), ISO 8601 with offset | `2024-03-01T00:00:00+08:00` |
 * | `MINYI_12315_PAGE_SIZE` | `limit` per page, 1–500 | `100` |
 * | `MINYI_12315_TIMEOUT_MS` | per-request timeout | `30000` |
 *
 * Tokens are never logged: they are not enumerable (JSON.stringify and console.log skip them).
 */
export interface Config12315 {
  /** e.g. `https://open.12315.example.gov.cn/api/v1`, without a trailing slash. */
  readonly baseUrl: string;
  /** In order of preference; the first that the platform accepts is used. Not enumerable. */
  readonly tokens: readonly string[];
  /** Initial watermark W (§3), verbatim as configured. */
  readonly startWatermark: string;
  readonly pageSize: number;
  readonly requestTimeoutMs: number;
}

export const DEFAULT_START_WATERMARK = '2024-03-01T00:00:00+08:00';
export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** §2: tokens are opaque strings of 32–256 characters; a header value cannot carry spaces or controls. */
const TOKEN = /^[\x21-\x7e]{32,256}$/;

/** Invalid configuration; `problems` lists every issue, bilingual, never a token value. */
export class ConfigError extends ConnectorConfigError {
  constructor(problems: string[]) {
    super('12315 connector configuration is invalid / 12315 连接器配置无效', problems);
  }
}

/** Builds a configuration object whose tokens stay out of logs and JSON. */
export function makeConfig12315(values: {
  baseUrl: string;
  tokens: readonly string[];
  startWatermark?: string;
  pageSize?: number;
  requestTimeoutMs?: number;
}): Config12315 {
  const problems: string[] = [];
  const baseUrl = checkBaseUrl(values.baseUrl, 'MINYI_12315_URL', '12315 ', problems);
  if (values.tokens.length === 0) problems.push('MINYI_12315_TOKEN is empty / 未配置令牌');
  values.tokens.forEach((token, i) => {
    if (!TOKEN.test(token)) {
      problems.push(
        `MINYI_12315_TOKEN #${i + 1} has ${token.length} characters or contains spaces/control characters; ` +
          `expected 32–256 printable ASCII characters / 第 ${i + 1} 个令牌格式无效（应为 32–256 个可见 ASCII 字符）`,
      );
    }
  });
  const startWatermark = values.startWatermark ?? DEFAULT_START_WATERMARK;
  if (!parseIsoDateTime(startWatermark, { requireOffset: true })) {
    problems.push(
      'MINYI_12315_START must be an ISO 8601 date-time with an offset, e.g. 2024-03-01T00:00:00+08:00 / ' + '初始水位须为带时区偏移的 ISO 8601 时间',
    );
  }
  const pageSize = values.pageSize ?? DEFAULT_PAGE_SIZE;
  checkIntRange(pageSize, 1, 500, 'MINYI_12315_PAGE_SIZE must be an integer 1–500 (12315.md §3) / 每页条数须为 1–500 的整数', problems);
  const requestTimeoutMs = values.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  checkTimeoutMs(requestTimeoutMs, 'MINYI_12315_TIMEOUT_MS', problems);
  if (problems.length) throw new ConfigError(problems);

  const config = { baseUrl, startWatermark, pageSize, requestTimeoutMs } as Config12315;
  return withHiddenSecret(config, 'Config12315', 'tokens', Object.freeze([...values.tokens]), `[${values.tokens.length} redacted]`);
}

/** Reads and validates the environment; throws ConfigError listing every problem. */
export function loadConfig12315(env: NodeJS.ProcessEnv = process.env): Config12315 {
  const problems: string[] = [];
  const baseUrl = env.MINYI_12315_URL?.trim() ?? '';
  if (!baseUrl) problems.push('MINYI_12315_URL is not set / 未设置 12315 接口地址，例如 https://open.12315.example.gov.cn/api/v1');
  const tokenText = env.MINYI_12315_TOKEN ?? '';
  const tokens = tokenText
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (tokens.length === 0) problems.push('MINYI_12315_TOKEN is not set / 未设置 12315 访问令牌（轮换期间可用逗号分隔两个令牌）');
  const pageSize = readInt(env.MINYI_12315_PAGE_SIZE, 'MINYI_12315_PAGE_SIZE', '每页条数', problems);
  const requestTimeoutMs = readInt(env.MINYI_12315_TIMEOUT_MS, 'MINYI_12315_TIMEOUT_MS', '请求超时', problems);
  const startWatermark = env.MINYI_12315_START?.trim() || undefined;
  if (problems.length) {
    // Report the remaining problems too, in one message.
    throwAllProblems(
      problems,
      () =>
        makeConfig12315({
          baseUrl: baseUrl || 'https://placeholder.invalid/api/v1',
          tokens: tokens.length ? tokens : ['x'.repeat(32)],
          startWatermark,
          pageSize,
          requestTimeoutMs,
        }),
      (all) => new ConfigError(all),
    );
  }
  return makeConfig12315({ baseUrl, tokens, startWatermark, pageSize, requestTimeoutMs });
}
