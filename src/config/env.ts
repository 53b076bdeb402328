/** The environment as configuration reads it. */
export type Env = Record<string, string | undefined>;

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
