import { inspect } from 'node:util';

/**
 * Validation helpers shared by the pull connectors' configurations: every problem is collected
 * (bilingual, never a secret's value) and reported at once.
 */

/** Invalid configuration; `problems` lists every issue. `heading` names the connector in both languages. */
export class ConnectorConfigError extends Error {
  constructor(
    heading: string,
    readonly problems: string[],
  ) {
    super(`${heading}:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/** An environment integer: undefined when unset or blank; a problem when not a whole number. */
export function readInt(text: string | undefined, name: string, zh: string, problems: string[]): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (!/^[0-9]+$/.test(text.trim())) {
    problems.push(`${name} must be a whole number / ${zh}须为整数`);
    return undefined;
  }
  return Number(text.trim());
}

/** Pushes `problem` unless `value` is an integer in [min, max]. */
export function checkIntRange(value: number, min: number, max: number, problem: string, problems: string[]): void {
  if (!Number.isInteger(value) || value < min || value > max) problems.push(problem);
}

/** The per-request timeout rule every connector shares: an integer 1–600000 ms. */
export function checkTimeoutMs(value: number, name: string, problems: string[]): void {
  checkIntRange(value, 1, 600_000, `${name} must be an integer 1–600000 / 请求超时须为 1–600000 毫秒的整数`, problems);
}

/**
 * HTTPS required (each spec's §1); plain HTTP only for a loopback host (the local simulator).
 * `zh` names the interface in Chinese (e.g. `12315 `, `留言板`). → the URL without a trailing slash.
 */
export function checkBaseUrl(text: string, name: string, zh: string, problems: string[]): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`${name} is not a valid URL / ${zh}接口地址不是有效的 URL`);
    return text;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    problems.push(`${name} must use https (http only for a local simulator) / ${zh}接口须使用 HTTPS（仅本地模拟器可用 HTTP）`);
  }
  if (url.username || url.password || url.search || url.hash) {
    problems.push(`${name} must not carry credentials, a query or a fragment / 接口地址不得包含账号、查询串或片段`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Attaches `secret` to `config` as a non-enumerable `key` (JSON.stringify and console.log skip it),
 * makes `inspect` show `shown` in its place, and freezes the object.
 */
export function withHiddenSecret<T extends object>(config: T, typeName: string, key: string, secret: unknown, shown: string): Readonly<T> {
  Object.defineProperty(config, key, { value: secret, enumerable: false });
  Object.defineProperty(config, inspect.custom, {
    value: () => `${typeName} ${inspect({ ...config, [key]: shown })}`,
    enumerable: false,
  });
  return Object.freeze(config);
}

/**
 * Loading found problems already: run `validate` on placeholders for what is missing so its problems
 * are reported too, then throw `fail(problems)` with all of them in one message.
 */
export function throwAllProblems(problems: string[], validate: () => unknown, fail: (problems: string[]) => ConnectorConfigError): never {
  try {
    validate();
  } catch (error) {
    if (error instanceof ConnectorConfigError) problems.push(...error.problems);
  }
  throw fail(problems);
}
