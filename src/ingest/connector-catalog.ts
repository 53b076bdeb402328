import type { DemoChannel } from '../demo/trickle/channel';
import type { OriginStatusRules, PullConnector } from './connector';
import type { ConfiguredConnector, ConnectorDefinition, PushIntake } from './connector-definition';
import type { Mapper } from './registry';
import type { WriteBack } from './write-back';
import type { WriteBackKind } from './write-back-queue';

/** Which origins take a write-back kind: null = every interconnected or forwarding origin; else these channels in these statuses. */
export type WriteBackTargets = ReadonlyArray<{ channelCode: string; statuses: readonly string[] }> | null;

/**
 * The connector definitions this hub was composed with (the connector list's index.ts, handed over by the
 * composition root), looked up by channel code. The runtime's only way to reach a connector.
 */
export class ConnectorCatalog {
  private readonly byChannel = new Map<string, ConnectorDefinition>();

  constructor(readonly definitions: readonly ConnectorDefinition[] = []) {
    for (const definition of definitions) {
      for (const code of definition.channelCodes ?? [definition.manifest.code]) {
        if (this.byChannel.has(code)) throw new Error(`channel ${code} has two connector definitions`);
        this.byChannel.set(code, definition);
      }
    }
  }

  /** The definition serving this channel. */
  of(channelCode: string): ConnectorDefinition | undefined {
    return this.byChannel.get(channelCode);
  }

  /** The channel's mapping, for ingestion and quarantine replay (any instance, configured or not). */
  mapperFor(channelCode: string): Mapper | null {
    const definition = this.of(channelCode);
    return definition ? (raw) => definition.map(raw) : null;
  }

  /** The channel's row of "Origin status → hub action"; none for push channels (informational only). */
  originRules(channelCode: string): OriginStatusRules | undefined {
    return this.of(channelCode)?.manifest.originStatus;
  }

  /**
   * The pull connectors this instance has configuration for (a channel without its URL in the
   * environment is not pulled). Credentials come from the environment only, never the database.
   */
  configured(env: NodeJS.ProcessEnv = process.env): Map<string, ConfiguredConnector> {
    const connectors = new Map<string, ConfiguredConnector>();
    for (const definition of this.definitions) {
      const connector = definition.fromEnv?.(env);
      if (connector) connectors.set(definition.manifest.code, connector);
    }
    return connectors;
  }

  /** How this instance delivers a write-back to the channel; null without a configured connector (another instance may). */
  writeBackFor(channelCode: string, connector: PullConnector | undefined): WriteBack | null {
    const definition = this.of(channelCode);
    return connector && definition?.writeBack ? definition.writeBack(connector) : null;
  }

  /** The origins a write-back of this kind goes to (RESULT: all of them). */
  writeBackTargets(kind: WriteBackKind): WriteBackTargets {
    if (kind === 'RESULT') return null;
    return this.definitions.flatMap((d) => {
      const statuses = d.writeBackKinds?.[kind];
      return statuses ? (d.channelCodes ?? [d.manifest.code]).map((channelCode) => ({ channelCode, statuses })) : [];
    });
  }

  /** The intake for channels that push (at most one protocol). */
  pushIntake(): PushIntake | undefined {
    return this.definitions.find((d) => d.intake)?.intake;
  }

  /** The push channels' intake secrets (none without a push intake), read once at start; see PushIntake.secrets. */
  pushSecrets(env: NodeJS.ProcessEnv = process.env, options: { demoDataDir?: string } = {}): Map<string, string[]> {
    return this.pushIntake()?.secrets(env, options) ?? new Map();
  }

  /** The demo trickle's channels, in the list's order. */
  demoChannels(): DemoChannel[] {
    return this.definitions.flatMap((d) => d.demo ?? []);
  }
}
