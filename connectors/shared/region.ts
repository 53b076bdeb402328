import { COUNTY, TOWNSHIPS } from '../../src/reference/townships';

/**
 * Region resolution by the channels README "Township table" rules, one copy for every connector:
 * 12-digit codes (12315 regionCode, board, 信访 WTSD), township names (12333 town) and free text
 * (12328 事发地点). Whatever cannot be resolved falls back to the county with a reason the caller turns
 * into a warning; the reason never repeats the input (it may be free text written by a citizen).
 */

const TOWNSHIP_CODES = new Set(TOWNSHIPS.map((t) => t.code));
const BY_NAME = new Map(TOWNSHIPS.map((t) => [t.name, t.code]));

export interface RegionResolution {
  /** A township code from the table, or the county code. */
  code: string;
  /** Why the county fallback was used: a stable code and a message without the input value. */
  problem?: { code: 'MISSING' | 'INVALID_TYPE' | 'INVALID_FORMAT' | 'OUTSIDE_COUNTY' | 'UNKNOWN_TOWNSHIP'; message: string };
}

/** `360704` → county; `360704XXXYYY` whose `360704XXX000` is in the table → that township; else county + problem. */
export function resolveRegionCode(value: unknown): RegionResolution {
  const county = COUNTY.code;
  if (value === undefined || value === null || value === '') {
    return { code: county, problem: { code: 'MISSING', message: `no region code; using the county ${county}` } };
  }
  if (typeof value !== 'string') {
    return { code: county, problem: { code: 'INVALID_TYPE', message: `region code is not a string; using the county ${county}` } };
  }
  if (!/^[0-9]{6}$|^[0-9]{12}$/.test(value)) {
    return { code: county, problem: { code: 'INVALID_FORMAT', message: `region code is not 6 or 12 ASCII digits; using the county ${county}` } };
  }
  if (!value.startsWith(county)) {
    return { code: county, problem: { code: 'OUTSIDE_COUNTY', message: `region code is outside ${county}; using the county` } };
  }
  if (value.length === 6) return { code: county };
  const township = `${value.slice(0, 9)}000`;
  if (TOWNSHIP_CODES.has(township)) return { code: township };
  return { code: county, problem: { code: 'UNKNOWN_TOWNSHIP', message: `township part of the region code is not in the table; using the county ${county}` } };
}

/** 12333 `town`: trimmed; the exact name, else the name with 镇 or 乡 appended (江口 → 江口镇). */
export function townshipCodeByName(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return null;
  return BY_NAME.get(trimmed) ?? BY_NAME.get(`${trimmed}镇`) ?? BY_NAME.get(`${trimmed}乡`) ?? null;
}

/** Free text (12328 事发地点): only full names with their 镇/乡 suffix, the leftmost match wins. */
export function townshipCodeInText(text: string): string | null {
  let best: { at: number; code: string } | null = null;
  for (const { name, code } of TOWNSHIPS) {
    const at = text.indexOf(name);
    if (at >= 0 && (best === null || at < best.at)) best = { at, code };
  }
  return best?.code ?? null;
}
