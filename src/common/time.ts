/** Asia/Shanghai is fixed UTC+08:00 (no DST): channels README "Time-zone rule". */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** yyyyMMdd of the instant's local date in Asia/Shanghai. */
export function shanghaiDateStamp(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

export const HOUR_MS = 3600 * 1000;
export const DAY_MS = 24 * HOUR_MS;
