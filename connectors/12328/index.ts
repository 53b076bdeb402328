import type { ConnectorDefinition } from '../../src/ingest/connector-definition';
import { Connector12328, readFile12328 } from './client';
import { loadConfig12328 } from './config';
import { demo12328 } from './demo';
import { manifest } from './manifest';
import { map12328 } from './mapping';

/** 交通运输 12328 (12328.md): daily files in a drop folder, or one imported by hand; forward only, no write-back. */
export const connector12328: ConnectorDefinition = {
  manifest,
  map: map12328,
  fromEnv: (env) => (env.MINYI_12328_DROP_DIR ? new Connector12328(loadConfig12328(env)) : null),
  importFile: (file, options) => readFile12328(file, options),
  demo: [demo12328],
};
