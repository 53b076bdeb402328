import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createToken } from '../auth/tokens';
import { Role } from '../auth/roles';
import type { DataCipher } from '../pii/cipher';
import { generateDemoOrders } from './generator';
import { seedDemoVillages, seedReferenceData } from './reference-seed';
import { demoStories } from './stories';

export interface DemoToken {
  role: Role;
  department?: string;
  channel?: string;
  token: string;
}

/** One token per role; handlers and leaders for three county departments and one township. */
const DEMO_TOKEN_SPECS: Array<{ role: Role; department?: string; channel?: string }> = [
  { role: Role.ADMIN },
  { role: Role.OPERATOR },
  { role: Role.ANALYST },
  { role: Role.LEADER },
  { role: Role.PETITION_OFFICER, department: 'XFJ' },
  ...['SCJGJ', 'RSJ', 'JTYSJ', 'XZ_MEILIN'].flatMap((department) => [
    { role: Role.HANDLER, department },
    { role: Role.DEPT_LEADER, department },
  ]),
  { role: Role.CHANNEL, channel: 'wzgz' },
];

export async function databaseIsEmpty(em: EntityManager): Promise<boolean> {
  const [row] = await em.execute('select count(*)::int as n from region');
  return row.n === 0;
}

export async function createDemoTokens(em: EntityManager, dataDir: string): Promise<{ file: string; tokens: DemoToken[] }> {
  const tokens: DemoToken[] = [];
  for (const spec of DEMO_TOKEN_SPECS) {
    const { token } = await createToken(em, {
      role: spec.role,
      departmentCode: spec.department,
      channelCode: spec.channel,
      label: `demo:${[spec.role, spec.department, spec.channel].filter(Boolean).join(':')}`,
    });
    tokens.push({ role: spec.role, ...(spec.department ? { department: spec.department } : {}), ...(spec.channel ? { channel: spec.channel } : {}), token });
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'demo-tokens.json');
  writeFileSync(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  return { file, tokens };
}

/** The demo county: reference data, `orders` generated work orders plus the stories (stories.ts), and one token per role. */
export async function seedDemoCounty(
  em: EntityManager,
  cipher: DataCipher,
  options: { orders: number; dataDir: string; now?: Date; onProgress?: (done: number) => void },
): Promise<{ tokensFile: string; orders: number }> {
  await seedReferenceData(em);
  await seedDemoVillages(em); // the gazetteer the text analyser reads (villages under their townships)
  // Among the orders: recent bursts, repeat callers and cross-channel duplicates (stories.ts), so that
  // the text analyser's first pass finds hot issues, repeat links and duplicate candidates. A tiny
  // demo (fewer than twice the stories' orders) has only generated ones.
  const now = options.now ?? new Date();
  const all = demoStories(now);
  const stories = options.orders >= 2 * all.length ? all : [];
  const { orders } = await generateDemoOrders(em, cipher, { orders: options.orders - stories.length, now, onProgress: options.onProgress, stories });
  const { file } = await createDemoTokens(em, options.dataDir);
  return { tokensFile: file, orders };
}
