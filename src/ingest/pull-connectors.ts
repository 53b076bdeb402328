import { Connector12315 } from '../../connectors/12315/client';
import { loadConfig12315 } from '../../connectors/12315/config';
import { Connector12333 } from '../../connectors/12333/client';
import { loadConfig12333 } from '../../connectors/12333/config';
import { ConnectorBoard } from '../../connectors/board/client';
import { loadConfigBoard } from '../../connectors/board/config';
import { Connector12328 } from '../../connectors/12328/client';
import { loadConfig12328 } from '../../connectors/12328/config';
import { ConnectorXf } from '../../connectors/xf/client';
import { loadConfigXf } from '../../connectors/xf/config';
import type { PullConnector } from './connector';

/**
 * The pull connectors this instance has configuration for (a channel without its URL in the
 * environment is not pulled). Credentials come from the environment only, never the database.
 */
export function configuredPullConnectors(env: NodeJS.ProcessEnv = process.env): Map<string, PullConnector & { close?: () => void }> {
  const connectors = new Map<string, PullConnector & { close?: () => void }>();
  if (env.MINYI_12315_URL) connectors.set('12315', new Connector12315(loadConfig12315(env)));
  if (env.MINYI_12333_URL) connectors.set('12333', new Connector12333(loadConfig12333(env)));
  if (env.MINYI_BOARD_URL) connectors.set('board', new ConnectorBoard(loadConfigBoard(env)));
  if (env.MINYI_12328_DROP_DIR) connectors.set('12328', new Connector12328(loadConfig12328(env)));
  if (env.MINYI_XF_URL) connectors.set('xf', new ConnectorXf(loadConfigXf(env)));
  return connectors;
}
