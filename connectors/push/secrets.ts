import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `MINYI_CHANNEL_<CODE>_SECRET` (code upper-cased, `-` → `_`); two comma-separated during rotation. */
export function secretVariable(channelCode: string): string {
  return `MINYI_CHANNEL_${channelCode.toUpperCase().replace(/-/g, '_')}_SECRET`;
}

/** A secret is 64–128 lowercase hex characters (push-api.md §1). */
const SECRET = /^[0-9a-f]{64,128}$/;

export function secretsFromEnv(channelCodes: readonly string[], env: Record<string, string | undefined> = process.env): Map<string, string[]> {
  const secrets = new Map<string, string[]>();
  for (const code of channelCodes) {
    const raw = env[secretVariable(code)];
    if (!raw) continue;
    const values = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = values.filter((v) => !SECRET.test(v));
    if (bad.length) throw new Error(`${secretVariable(code)} must hold 64–128 lowercase hex characters (two comma-separated during rotation)`);
    secrets.set(code, values);
  }
  return secrets;
}

/**
 * Demo mode: one secret per push channel, generated once into `<dataDir>/demo-channel-secrets.json`
 * as `{ "<channelCode>": "<hex secret>" }`, so a newcomer (and any client) can sign requests.
 * Secrets set in the environment win.
 */
export function demoSecrets(dataDir: string, channelCodes: readonly string[], fromEnv: Map<string, string[]>): Map<string, string[]> {
  const file = join(dataDir, 'demo-channel-secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const code of channelCodes) {
    if (!stored[code]) {
      stored[code] = randomBytes(32).toString('hex');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  const secrets = new Map(channelCodes.map((code) => [code, [stored[code]]]));
  for (const [code, values] of fromEnv) secrets.set(code, values);
  return secrets;
}
