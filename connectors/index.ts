import type { ConnectorDefinition } from '../src/ingest/connector-definition';
import { connector12315 } from './12315';
import { connector12328 } from './12328';
import { connector12333 } from './12333';
import { connectorBoard } from './board';
import { connectorPush } from './push';
import { connectorXf } from './xf';

/**
 * Every channel connector the hub is built with: the one list. The composition root (src/composition.ts,
 * which the hub and the CLI compose through) hands it to the runtime, which never names a connector. Adding a channel is
 * one folder `connectors/<code>/` exporting a ConnectorDefinition, plus one line here.
 */
export const CONNECTORS: readonly ConnectorDefinition[] = [connector12315, connector12333, connector12328, connectorBoard, connectorXf, connectorPush];

/** The demo trickle's channels, in this list's order. */
export const DEMO_CHANNELS = CONNECTORS.flatMap((c) => c.demo ?? []);
