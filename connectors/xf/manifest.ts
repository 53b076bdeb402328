import type { ConnectorManifest } from '../../src/ingest/connector';
import { ChannelMode } from '../../src/reference/vocabulary';

/**
 * 信访 一网通 (petition.md v1.0): interconnect — the platform keeps the petition case and its statutory
 * procedure; the hub pulls letters and writes back 受理告知 / 不予受理告知 / 延期申请 / 办理结果 (FKLX 01–04).
 *
 * Origin status → hub action (channels README, 信访 row): `40` cancels; `11` cancels unless it echoes
 * the hub's own FKLX 02; no reopen (a 复查 is a new XFJBH, §4); `20`/`11`/`30` after the hub's FKLX
 * `01`/`02`/`04` are echoes. `10`, `21`, `90` (and `20`/`30` otherwise) are informational.
 */
export const manifest: ConnectorManifest = {
  code: 'xf',
  name: '信访 一网通 Petition platform',
  mode: ChannelMode.INTERCONNECT,
  specVersion: '1.0',
  originStatus: {
    cancel: ['40', '11'],
    terminal: [],
    echo: { '20': ['ACCEPT'], '11': ['REJECT'], '30': ['RESULT'] }, // hub write-back kinds: FKLX 01, 02, 04
  },
};
