import { auditServer } from 'graphql-http';
import { startTestHub, type TestHub } from './support/hub';

describe('GraphQL over HTTP conformance (graphql-http audit)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('passes the audit suite with no errors', async () => {
    const results = await auditServer({ url: t.hub.url });
    const errors = results.filter((r) => r.status === 'error');
    expect(errors.map((e) => `${e.id} ${e.name}: ${'reason' in e ? e.reason : ''}`)).toEqual([]);
    expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThanOrEqual(55);
  });
});
