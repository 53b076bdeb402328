import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122050409 } from './Migration20261122050409_initial';
import { Migration20261122054802 } from './Migration20261122054802_lifecycle';
import { Migration20261122060114 } from './Migration20261122060114_sla';
import { Migration20261122060844 } from './Migration20261122060844_supervised_alert';
import { Migration20261122061631 } from './Migration20261122061631_ingest';
import { Migration20261122062115 } from './Migration20261122062115_sync_run';
import { Migration20261122062458 } from './Migration20261122062458_quarantine_once';
import { Migration20261122062832 } from './Migration20261122062832_hint_200';
import { Migration20261122064025 } from './Migration20261122064025_outbox';
import { Migration20261122072059 } from './Migration20261122072059_origin';
import { Migration20261122074651 } from './Migration20261122074651_revisit';
import { Migration20261122075432 } from './Migration20261122075432_event_log';

import { Migration20261122082002 } from './Migration20261122082002_hot_issues';
import { Migration20261122101503 } from './Migration20261122101503_kpi_rollup';
import { Migration20261122104129 } from './Migration20261122104129_statistics_indexes';
import { Migration20261207120000 } from './Migration20261207120000_work_order_search';
import { Migration20261215090000 } from './Migration20261215090000_reference_admin';
import { Migration20261220100000 } from './Migration20261220100000_staff_accounts';
import { Migration20261228120000 } from './Migration20261228120000_data_key_rotation';
import { Migration20261230120000 } from './Migration20261230120000_text_region_suggested_category';
import { Migration20261231090000 } from './Migration20261231090000_text_band_keys_fastupdate';
/** Every migration, in order. `npm run migration:create` writes a new file; add it here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122050409_initial', class: Migration20261122050409 },
  { name: 'Migration20261122054802_lifecycle', class: Migration20261122054802 },
  { name: 'Migration20261122060114_sla', class: Migration20261122060114 },
  { name: 'Migration20261122060844_supervised_alert', class: Migration20261122060844 },
  { name: 'Migration20261122061631_ingest', class: Migration20261122061631 },
  { name: 'Migration20261122062115_sync_run', class: Migration20261122062115 },
  { name: 'Migration20261122062458_quarantine_once', class: Migration20261122062458 },
  { name: 'Migration20261122062832_hint_200', class: Migration20261122062832 },
  { name: 'Migration20261122064025_outbox', class: Migration20261122064025 },
  { name: 'Migration20261122072059_origin', class: Migration20261122072059 },
  { name: 'Migration20261122074651_revisit', class: Migration20261122074651 },
  { name: 'Migration20261122075432_event_log', class: Migration20261122075432 },
  { name: 'Migration20261122082002_hot_issues', class: Migration20261122082002 },
  { name: 'Migration20261122101503_kpi_rollup', class: Migration20261122101503 },
  { name: 'Migration20261122104129_statistics_indexes', class: Migration20261122104129 },
  { name: 'Migration20261207120000_work_order_search', class: Migration20261207120000 },
  { name: 'Migration20261215090000_reference_admin', class: Migration20261215090000 },
  { name: 'Migration20261220100000_staff_accounts', class: Migration20261220100000 },
  { name: 'Migration20261228120000_data_key_rotation', class: Migration20261228120000 },
  { name: 'Migration20261230120000_text_region_suggested_category', class: Migration20261230120000 },
  { name: 'Migration20261231090000_text_band_keys_fastupdate', class: Migration20261231090000 },
];
