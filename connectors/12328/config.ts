import { isAbsolute, join, resolve } from 'node:path';
import { checkIntRange, ConnectorConfigError, readInt, throwAllProblems } from '../shared/config';

/**
 * The 12328 connector's configuration, from the environment (12328.md §1):
 *
 * | Variable | Meaning | Default |
 * |---|---|---|
 * | `MINYI_12328_DROP_DIR` | absolute path of the drop directory (the SFTP account's `/inbound/12328/`) | required; unset = channel not pulled |
 * | `MINYI_12328_ARCHIVE_DIR` | absolute path where processed files are moved, named `<sha256>_<name>` | `<drop>/archive` |
 * | `MINYI_12328_STABLE_SECONDS` | a file is read only once unchanged for this long (§1: ≥ 60 s) | `60` |
 *
 * The poll interval is `MINYI_12328_POLL_SECONDS`, read by the pull scheduler like every pull
 * channel's (src/ingest/pull-scheduler.ts). No secret: the SFTP account is the server's business.
 */
export interface Config12328 {
  readonly dropDir: string;
  readonly archiveDir: string;
  readonly stableSeconds: number;
}

export const DEFAULT_STABLE_SECONDS = 60;
const MAX_STABLE_SECONDS = 86_400;

/** Invalid configuration; `problems` lists every issue, bilingual. */
export class ConfigError extends ConnectorConfigError {
  constructor(problems: string[]) {
    super('12328 connector configuration is invalid / 12328 连接器配置无效', problems);
  }
}

/** Builds and checks a configuration object. */
export function makeConfig12328(values: { dropDir: string; archiveDir?: string; stableSeconds?: number }): Config12328 {
  const problems: string[] = [];
  const dropDir = typeof values.dropDir === 'string' ? values.dropDir : '';
  if (!isAbsolute(dropDir)) problems.push('MINYI_12328_DROP_DIR must be an absolute path / 投递目录须为绝对路径');
  const archiveDir = values.archiveDir ?? join(dropDir, 'archive');
  if (values.archiveDir !== undefined && !isAbsolute(archiveDir)) problems.push('MINYI_12328_ARCHIVE_DIR must be an absolute path / 归档目录须为绝对路径');
  else if (isAbsolute(dropDir) && resolve(archiveDir) === resolve(dropDir)) {
    problems.push('MINYI_12328_ARCHIVE_DIR must differ from the drop directory / 归档目录不能与投递目录相同');
  }
  const stableSeconds = values.stableSeconds ?? DEFAULT_STABLE_SECONDS;
  checkIntRange(
    stableSeconds,
    0,
    MAX_STABLE_SECONDS,
    'MINYI_12328_STABLE_SECONDS must be an integer 0–86400 (12328.md §1: 60) / 文件稳定等待时间须为 0–86400 秒',
    problems,
  );
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({ dropDir: resolve(dropDir), archiveDir: resolve(archiveDir), stableSeconds });
}

/** Reads and validates the environment; throws ConfigError listing every problem. */
export function loadConfig12328(env: NodeJS.ProcessEnv = process.env): Config12328 {
  const problems: string[] = [];
  const dropDir = env.MINYI_12328_DROP_DIR?.trim() ?? '';
  if (!dropDir) problems.push('MINYI_12328_DROP_DIR is not set / 未设置 12328 投递目录');
  const archiveDir = env.MINYI_12328_ARCHIVE_DIR?.trim() || undefined;
  const stableSeconds = readInt(env.MINYI_12328_STABLE_SECONDS, 'MINYI_12328_STABLE_SECONDS', '文件稳定等待时间', problems);
  if (problems.length) {
    throwAllProblems(
      problems,
      () => makeConfig12328({ dropDir: dropDir || '/placeholder', archiveDir, stableSeconds }),
      (all) => new ConfigError(all),
    );
  }
  return makeConfig12328({ dropDir, archiveDir, stableSeconds });
}
