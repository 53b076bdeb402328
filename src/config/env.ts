/** The environment as configuration reads it. */
export type Env = Record<string, string | undefined>;

/**
 * Every problem found in the configuration, in one bilingual message. Here, beside the readers, so
 * the modules that read their own part of the environment (hot-issues/policy.ts, auth/accounts/config.ts)
 * need not import config/config.ts, which imports them.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration 配置无效:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A whole number from `min` to `max`; unset or empty → `fallback`; anything else adds a bilingual problem. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max} (${name} 须为 ${min}–${max} 的整数)`);
    return fallback;
  }
  return Number(raw);
}
