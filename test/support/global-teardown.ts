import { dropTemplate } from './template';

/** Drops the test template databases and stops the embedded PostgreSQL started by global-setup.ts. */
export default async function globalTeardown(): Promise<void> {
  await dropTemplate(process.env.MINYI_TEST_ADMIN_URL, process.env.MINYI_TEST_REFERENCE_TEMPLATE);
  await dropTemplate(process.env.MINYI_TEST_ADMIN_URL, process.env.MINYI_TEST_TEMPLATE);
  const pg = (globalThis as { __MINYI_PG__?: { stop(): Promise<void> } }).__MINYI_PG__;
  await pg?.stop();
}
