import type { ConnectorDefinition } from '../../src/ingest/connector-definition';
import { refusing } from '../../src/ingest/write-back';
import { PETITION_EXTENSION_MAX_DAYS } from '../../src/sla/policies';
import type { WriteBackKind } from '../../src/ingest/write-back-queue';
import { ConnectorXf, FeedbackRejectedError } from './client';
import { DEFAULT_POLL_SECONDS, loadConfigXf } from './config';
import { demoXf } from './demo';
import { manifest } from './manifest';
import { mapLetter } from './mapping';

/** 信访 FKLX by the hub's write-back kind (petition.md §6). */
const FKLX: Record<WriteBackKind, '01' | '02' | '03' | '04'> = { ACCEPT: '01', REJECT: '02', EXTENSION: '03', RESULT: '04' };

/**
 * 信访信息系统 (petition.md): pulled; every write-back is a 反馈 (FKBH) whose FKLX follows the hub's
 * fact: accepted → 01 受理告知, terminated before acceptance → 02 不予受理告知, extended → 03 延期申请,
 * replied → 04 办理结果.
 */
export const connectorXf: ConnectorDefinition = {
  manifest,
  map: mapLetter,
  fromEnv: (env) => (env.MINYI_XF_URL ? new ConnectorXf(loadConfigXf(env)) : null),
  pollSeconds: DEFAULT_POLL_SECONDS, // petition.md §2: every 10 minutes
  writeBack: (connector) => {
    const client = connector as ConnectorXf;
    return (m) =>
      refusing(
        () =>
          client.postFeedback({
            XFJBH: m.externalId,
            FKBH: m.idempotencyKey,
            FKLX: FKLX[m.kind],
            FKNR: m.payload.text,
            CBDW: m.payload.orgName,
            CBR: m.payload.handlerName,
            FKSJ: new Date(m.payload.handledAt),
            // YQTS: 1–30 days (petition.md §6, PETITION_EXTENSION_MAX_DAYS in sla/policies.ts); a longer extension asks for the most the platform takes.
            YQTS: m.kind === 'EXTENSION' && m.payload.extensionDays != null ? Math.min(PETITION_EXTENSION_MAX_DAYS, m.payload.extensionDays) : null,
          }),
        (e) => (e instanceof FeedbackRejectedError ? `${e.code}: ${e.message}` : null),
      );
  },
  // petition.md §6: 01/02 while the letter is 10 (待受理), 03 while it is 20 (办理中).
  writeBackKinds: { ACCEPT: ['10'], REJECT: ['10'], EXTENSION: ['20'] },
  demo: [demoXf],
};
