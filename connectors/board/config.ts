import { checkBaseUrl, checkIntRange, checkTimeoutMs, ConnectorConfigError, readInt, throwAllProblems, withHiddenSecret } from '../shared/config';
import { parseIsoDateTime } from '../../src/common/time';

/**
 * The board connector's configuration, from the environment:
 *
 * | Variable | Meaning | Default |
 * |---|---|---|
 * | `MINYI_BOARD_URL` | base URL including `/board/v2` (message-board.md §1) | required |
 * | `MINYI_BOARD_APP_KEY` | `X-App-Key` issued to the hub (§2), e.g. `gx12345hub` | required |
 * | `MINYI_BOARD_APP_SECRET` | HMAC-SHA256 key (§2); never logged | required |
 * | `MINYI_BOARD_START` | initial watermark W on `auditTime` (§3), ISO 8601 with offset | `2024-03-01T00:00:00+08:00` |
 * | `MINYI_BOARD_WINDOW_HOURS` | longest pull window, 1–168 (§3: `to − from` ≤ 7 days) | `168` |
 * | `MINYI_BOARD_PAGE_SIZE` | `pageSize`, 1–50 (§3) | `50` |
 * | `MINYI_BOARD_TIMEOUT_MS` | per-request timeout | `30000` |
 *
 * The secret is not enumerable (JSON.stringify and console.log skip it) and never appears in messages.
 */
export interface ConfigBoard {
  /** e.g. `https://liuyan.example.cn/board/v2`, without a trailing slash. */
  readonly baseUrl: string;
  readonly appKey: string;
  /** Not enumerable. */
  readonly appSecret: string;
  readonly startWatermark: string;
  readonly windowHours: number;
  readonly pageSize: number;
  readonly requestTimeoutMs: number;
}

export const DEFAULT_START_WATERMARK = '2024-03-01T00:00:00+08:00';
export const DEFAULT_WINDOW_HOURS = 168;
export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const APP_KEY = /^[A-Za-z0-9_.-]{1,64}$/;
/** Printable ASCII, 16–256: the test secret is 32 hex characters. */
const SECRET = /^[\x21-\x7e]{16,256}$/;

/** Invalid configuration; `problems` lists every issue, bilingual, never the secret. */
export class ConfigError extends ConnectorConfigError {
  constructor(problems: string[]) {
    super('board connector configuration is invalid / 领导留言板连接器配置无效', problems);
  }
}

export function makeConfigBoard(values: {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  startWatermark?: string;
  windowHours?: number;
  pageSize?: number;
  requestTimeoutMs?: number;
}): ConfigBoard {
  const problems: string[] = [];
  const baseUrl = checkBaseUrl(values.baseUrl, 'MINYI_BOARD_URL', '留言板', problems);
  if (!APP_KEY.test(values.appKey ?? '')) {
    problems.push('MINYI_BOARD_APP_KEY must be 1–64 characters of A–Z a–z 0–9 _ . - / 应用标识（App Key）格式无效');
  }
  const secret = values.appSecret ?? '';
  if (!SECRET.test(secret)) {
    problems.push(
      `MINYI_BOARD_APP_SECRET has ${secret.length} characters or contains spaces/control characters; expected 16–256 printable ASCII characters / ` +
        '应用密钥格式无效（应为 16–256 个可见 ASCII 字符）',
    );
  }
  const startWatermark = values.startWatermark ?? DEFAULT_START_WATERMARK;
  if (!parseIsoDateTime(startWatermark, { requireOffset: true })) {
    problems.push('MINYI_BOARD_START must be an ISO 8601 date-time with an offset, e.g. 2024-03-01T00:00:00+08:00 / 初始水位须为带时区偏移的 ISO 8601 时间');
  }
  const windowHours = values.windowHours ?? DEFAULT_WINDOW_HOURS;
  checkIntRange(
    windowHours,
    1,
    168,
    'MINYI_BOARD_WINDOW_HOURS must be an integer 1–168 (message-board.md §3: at most 7 days) / 拉取窗口须为 1–168 小时的整数',
    problems,
  );
  const pageSize = values.pageSize ?? DEFAULT_PAGE_SIZE;
  checkIntRange(pageSize, 1, 50, 'MINYI_BOARD_PAGE_SIZE must be an integer 1–50 (message-board.md §3) / 每页条数须为 1–50 的整数', problems);
  const requestTimeoutMs = values.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  checkTimeoutMs(requestTimeoutMs, 'MINYI_BOARD_TIMEOUT_MS', problems);
  if (problems.length) throw new ConfigError(problems);

  const config = { baseUrl, appKey: values.appKey, startWatermark, windowHours, pageSize, requestTimeoutMs } as ConfigBoard;
  return withHiddenSecret(config, 'ConfigBoard', 'appSecret', secret, '[redacted]');
}

/** Reads and validates the environment; throws ConfigError listing every problem. */
export function loadConfigBoard(env: NodeJS.ProcessEnv = process.env): ConfigBoard {
  const problems: string[] = [];
  const baseUrl = env.MINYI_BOARD_URL?.trim() ?? '';
  if (!baseUrl) problems.push('MINYI_BOARD_URL is not set / 未设置留言板接口地址，例如 https://liuyan.example.cn/board/v2');
  const appKey = env.MINYI_BOARD_APP_KEY?.trim() ?? '';
  if (!appKey) problems.push('MINYI_BOARD_APP_KEY is not set / 未设置应用标识（App Key）');
  const appSecret = env.MINYI_BOARD_APP_SECRET?.trim() ?? '';
  if (!appSecret) problems.push('MINYI_BOARD_APP_SECRET is not set / 未设置应用密钥');
  const windowHours = readInt(env.MINYI_BOARD_WINDOW_HOURS, 'MINYI_BOARD_WINDOW_HOURS', '拉取窗口', problems);
  const pageSize = readInt(env.MINYI_BOARD_PAGE_SIZE, 'MINYI_BOARD_PAGE_SIZE', '每页条数', problems);
  const requestTimeoutMs = readInt(env.MINYI_BOARD_TIMEOUT_MS, 'MINYI_BOARD_TIMEOUT_MS', '请求超时', problems);
  const startWatermark = env.MINYI_BOARD_START?.trim() || undefined;
  if (problems.length) {
    const placeholders = {
      baseUrl: baseUrl || 'https://placeholder.invalid/board/v2',
      appKey: appKey || 'placeholder',
      appSecret: appSecret || 'x'.repeat(32),
    };
    throwAllProblems(
      problems,
      () => makeConfigBoard({ ...placeholders, startWatermark, windowHours, pageSize, requestTimeoutMs }),
      (all) => new ConfigError(all),
    );
  }
  return makeConfigBoard({ baseUrl, appKey, appSecret, startWatermark, windowHours, pageSize, requestTimeoutMs });
}
