import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { MapResult, RawRecord } from '../../src/ingest/canonical';
import { ChannelError, type Checkpoint, type Page, type PullConnector } from '../../src/ingest/connector';
import { shanghaiDateStamp, shanghaiMsOfDay } from '../../src/common/time';
import type { Config12328 } from './config';
import { IGNORED_SUBDIR, listDrop, moveToArchive, readArchive, sha256, sha256File, type ArchiveIndex, type DropFile, type DropListing } from './drop';
import { listIds, parseDropFile, parseFileName, type ParsedFile, type Progress } from './file';
import { manifest } from './manifest';
import { map12328 } from './mapping';

/**
 * 12328 transport (12328.md §1): the daily file drop. One file per page, in (business date, N) order,
 * once it has been unchanged for `stableSeconds`.
 *
 * Crash safety: the runtime commits a page's records and its checkpoint in one transaction after
 * fetchPage returns. A file is therefore archived (moved out of the drop directory) only on a later
 * fetchPage whose checkpoint already lists it, i.e. once its records are committed. Killed at any
 * point, the next run either reads the file again (records not committed: the same records again,
 * idempotent on (channel, 工单号, version)) or archives it (committed). Files ignored (identical
 * hash, a second file of the same date and N) are decided from committed state only, so moving them
 * at once loses nothing.
 */

/** One processed file, as the checkpoint remembers it. */
export interface FileEntry {
  name: string;
  sha256: string;
  /** `YYYYMMDD_N`. */
  version: string;
  /** Data rows read. */
  rows: number;
  /** false: the file failed its §3 integrity checks and was quarantined whole (its date and N stay open). */
  imported: boolean;
}

/**
 * The connector's checkpoint (JSON, small):
 * - `files`: the last 120 files processed, oldest first (≥ 60 business dates at one file a day);
 *   older history lives in the archive's file names;
 * - `reported`: names outside the §1 rule currently in the drop directory, each reported once;
 * - `missingAlerted`: the last business date whose missing file was reported (§1: after 10:00).
 */
export interface Checkpoint12328 {
  files: FileEntry[];
  reported: string[];
  missingAlerted: string | null;
}

export const MAX_CHECKPOINT_FILES = 120;
const MAX_REPORTED = 100;
/** §1: a missing file is a delivery fault → alert after 10:00 Asia/Shanghai. */
export const MISSING_FILE_ALERT_MINUTE = 10 * 60;

export interface Client12328Options {
  /** Our clock: file stability and the missing-file alert. Tests pass the simulator's clock. */
  now?: () => Date;
}

export class Connector12328 implements PullConnector {
  readonly manifest = manifest;
  private readonly now: () => Date;
  /** SHA-256 by path, size and mtime: a backlog of files is hashed once, not once per page. */
  private readonly hashes = new Map<string, { size: number; mtimeMs: number; sha: string }>();

  constructor(
    readonly config: Config12328,
    options: Client12328Options = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  map(raw: RawRecord): MapResult {
    return map12328(raw);
  }

  /** Nothing to release (no connection); present like the other connectors' close(). */
  close(): void {}

  async fetchPage(checkpoint: Checkpoint): Promise<Page> {
    const state = readCheckpoint(checkpoint);
    const notices: string[] = [];
    const listing = await this.io('list the drop directory', () => listDrop(this.config.dropDir));
    const archive = await this.io('list the archive', () => readArchive(this.config.archiveDir));
    const reported = this.reportUnmatched(listing, state, notices);
    const pending = await this.settle(listing.files, state, archive, notices);

    const base: Checkpoint12328 = { ...state, reported };
    const first = pending.sort(byOrder)[0];
    if (!first || first.sha === null) {
      // Nothing to read, or the next file in order is still being written: wait for the next poll.
      return { records: [], next: this.missingFileAlert(base, listing, archive, notices), done: true, notices };
    }

    const bytes = await this.io(`read ${first.file.name}`, () => readFile(first.path));
    if (sha256(bytes) !== first.sha) return { records: [], next: asCheckpoint(base), done: true, notices }; // changed since hashed: wait
    const parsed = await parseDropFile(first.file, bytes);
    notices.push(...parsed.notices);
    if (parsed.defect === null && first.file.n > 0) notices.push(...(await reissueDifference(parsed, archive)));
    const entry: FileEntry = { name: first.file.name, sha256: first.sha, version: first.file.version, rows: parsed.rows, imported: parsed.defect === null };
    return { records: parsed.records, next: asCheckpoint(withFile(base, entry)), done: false, notices };
  }

  /** §1: names outside the rule are ignored and reported — once each while they stay in the directory. */
  private reportUnmatched(listing: DropListing, state: Checkpoint12328, notices: string[]): string[] {
    for (const name of listing.unmatched) {
      if (!state.reported.includes(name)) {
        notices.push(`drop directory: ${safeName(name)} is not a 12328_YYYYMMDD[_N].csv|xlsx file name; ignored (12328.md §1) / 文件名不符合规则，已忽略`);
      }
    }
    return listing.unmatched.slice(0, MAX_REPORTED);
  }

  /**
   * Stable files are hashed and sorted out: those the checkpoint lists are archived (their records are
   * committed); an identical file or a second file of an imported (date, N) is ignored, reported and
   * moved to the archive's `ignored/`. What remains (with files still being written, sha null) is pending.
   */
  private async settle(files: DropFile[], state: Checkpoint12328, archive: ArchiveIndex, notices: string[]): Promise<Array<DropFile & { sha: string | null }>> {
    const pending: Array<DropFile & { sha: string | null }> = [];
    const ignoredDir = join(this.config.archiveDir, IGNORED_SUBDIR);
    const listed = new Set(files.map((f) => f.path));
    for (const path of this.hashes.keys()) if (!listed.has(path)) this.hashes.delete(path);
    for (const f of files) {
      if (this.now().getTime() - f.mtimeMs < this.config.stableSeconds * 1000) {
        pending.push({ ...f, sha: null });
        continue;
      }
      const sha = await this.hash(f);
      const done = state.files.find((e) => e.sha256 === sha);
      if (done && done.name === f.file.name) {
        await this.io(`archive ${f.file.name}`, () => moveToArchive(f, sha, this.config.archiveDir));
        continue;
      }
      if (done || archive.hashes.has(sha)) {
        notices.push(`${f.file.name}: identical to a file already processed${done ? ` (${done.name})` : ''}; ignored (12328.md §1) / 与已处理文件相同，已忽略`);
        await this.io(`archive ${f.file.name}`, () => moveToArchive(f, sha, ignoredDir));
        continue;
      }
      const claimed = state.files.find((e) => e.imported && e.version === f.file.version);
      if (claimed) {
        notices.push(
          `${f.file.name}: business date ${f.file.date} N=${f.file.n} was already imported from ${claimed.name}; the first one processed wins, this one is ignored (12328.md §1) / ` +
            '同一日期与序号的文件已处理，本文件忽略',
        );
        await this.io(`archive ${f.file.name}`, () => moveToArchive(f, sha, ignoredDir));
        continue;
      }
      pending.push({ ...f, sha });
    }
    return pending;
  }

  /** §1: no file for yesterday by 10:00 Asia/Shanghai → reported once. */
  private missingFileAlert(state: Checkpoint12328, listing: DropListing, archive: ArchiveIndex, notices: string[]): Checkpoint {
    const now = this.now();
    const localMinute = Math.floor(shanghaiMsOfDay(now) / 60_000);
    const yesterday = shanghaiDateStamp(new Date(now.getTime() - 86_400_000));
    const known = [...state.files.map((e) => e.name), ...listing.files.map((f) => f.file.name), ...archive.processed.map((a) => a.file.name)];
    if (localMinute < MISSING_FILE_ALERT_MINUTE || state.missingAlerted === yesterday || known.some((name) => parseFileName(name)?.date === yesterday)) {
      return asCheckpoint(state);
    }
    notices.push(`no file for business date ${yesterday} by 10:00 (12328.md §1: a missing file is a delivery fault) / 缺少业务日期 ${yesterday} 的文件`);
    return asCheckpoint({ ...state, missingAlerted: yesterday });
  }

  private async hash(f: DropFile): Promise<string> {
    const cached = this.hashes.get(f.path);
    if (cached && cached.size === f.size && cached.mtimeMs === f.mtimeMs) return cached.sha;
    const sha = await this.io(`read ${f.file.name}`, () => sha256File(f.path));
    this.hashes.set(f.path, { size: f.size, mtimeMs: f.mtimeMs, sha });
    return sha;
  }

  /** File-system failures → ChannelError: a drop directory that does not exist is a configuration fault. */
  private async io<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && what === 'list the drop directory') {
        throw new ChannelError('FATAL', '12328: the drop directory does not exist; check MINYI_12328_DROP_DIR / 投递目录不存在');
      }
      throw new ChannelError('RETRYABLE', `12328: could not ${what} (${code ?? (error as Error).message}) / 文件读写失败，稍后重试`, 5_000);
    }
  }
}

/**
 * `minyi import 12328 <file>`: one file read directly, the page shape of fetchPage (no stability
 * wait, no archive). `next` is `checkpoint` with the file added: pass the channel's stored
 * checkpoint when committing it, so the drop directory then treats this file as processed.
 */
export async function readFile12328(path: string, options: { checkpoint?: Checkpoint; onProgress?: Progress } = {}): Promise<Page> {
  const file = parseFileName(basename(path));
  if (!file) throw new ChannelError('FATAL', '12328: the file name must be 12328_YYYYMMDD[_N].csv|xlsx (12328.md §1); it gives the version / 文件名不符合规则');
  const bytes = await readFile(path);
  const parsed = await parseDropFile(file, bytes, options.onProgress);
  const state = readCheckpoint(options.checkpoint ?? {});
  const entry: FileEntry = { name: file.name, sha256: sha256(bytes), version: file.version, rows: parsed.rows, imported: parsed.defect === null };
  return { records: parsed.records, next: asCheckpoint(withFile(state, entry)), done: true, notices: parsed.notices };
}

/**
 * §1 re-issue: orders of the earlier files of the date (archived, imported) that the re-issue lacks are
 * left as they stand; operators are told which.
 */
async function reissueDifference(reissue: ParsedFile, archive: ArchiveIndex): Promise<string[]> {
  const earlier = archive.processed.filter((a) => a.file.date === reissue.file.date && a.file.n < reissue.file.n);
  const before = new Set<string>();
  for (const a of earlier) {
    const bytes = await readFile(a.path).catch(() => null);
    if (bytes === null)
      return [
        `${reissue.file.name}: the earlier file ${a.file.name} could not be read from the archive; differences not reported / 无法读取归档文件，未比对差异`,
      ];
    const parsed = await parseDropFile(a.file, bytes);
    if (parsed.defect === null) parsed.orderIds.forEach((id) => before.add(id));
  }
  const now = new Set(reissue.orderIds);
  const absent = [...before].filter((id) => !now.has(id)).sort();
  if (!absent.length) return [];
  return [
    `${reissue.file.name} re-issues business date ${reissue.file.date}: ${absent.length} order(s) of the earlier file(s) are absent and left as they stand (12328.md §1): ${listIds(absent)} / ` +
      '重发文件缺少原文件中的工单，保持原状',
  ];
}

/** (business date, N), then the file that arrived first, then CSV before XLSX. */
function byOrder(a: DropFile, b: DropFile): number {
  return a.file.date.localeCompare(b.file.date) || a.file.n - b.file.n || a.mtimeMs - b.mtimeMs || a.file.ext.localeCompare(b.file.ext);
}

function withFile(state: Checkpoint12328, entry: FileEntry): Checkpoint12328 {
  return { ...state, files: [...state.files, entry].slice(-MAX_CHECKPOINT_FILES) };
}

const asCheckpoint = (state: Checkpoint12328) => state as unknown as Checkpoint;

/** A name from the directory, for a message: printable and short. */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}

/** The stored checkpoint, checked; an empty one starts afresh. */
export function readCheckpoint(checkpoint: Checkpoint): Checkpoint12328 {
  const files = checkpoint.files ?? [];
  const reported = checkpoint.reported ?? [];
  const missingAlerted = checkpoint.missingAlerted ?? null;
  const entryOk = (e: unknown): boolean => {
    const x = e as Partial<FileEntry> | null;
    return (
      typeof x === 'object' &&
      x !== null &&
      typeof x.name === 'string' &&
      typeof x.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(x.sha256) &&
      typeof x.version === 'string' &&
      Number.isInteger(x.rows) &&
      typeof x.imported === 'boolean'
    );
  };
  if (
    !Array.isArray(files) ||
    !files.every(entryOk) ||
    !Array.isArray(reported) ||
    !reported.every((r) => typeof r === 'string') ||
    !(missingAlerted === null || typeof missingAlerted === 'string')
  ) {
    throw new ChannelError('FATAL', '12328: the stored checkpoint is not a 12328 checkpoint ({files, reported, missingAlerted}) / 检查点格式无效');
  }
  return { files: files as FileEntry[], reported: reported as string[], missingAlerted: missingAlerted as string | null };
}
