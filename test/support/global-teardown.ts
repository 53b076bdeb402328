/** Stops the embedded PostgreSQL started by global-setup.ts. */
export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __MINYI_PG__?: { stop(): Promise<void> } }).__MINYI_PG__;
  await pg?.stop();
}
