import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFileName, type DropFileName } from './file';

/**
 * The drop directory and the archive (12328.md §1), file-system side only:
 * - the drop directory is listed for regular files, split into §1 names and other names;
 * - processed files are moved to `<archive>/<sha256>_<name>`, ignored ones (an identical file, a second
 *   file of the same date and N) to `<archive>/ignored/<sha256>_<name>`; a move is copy → fsync →
 *   rename → unlink, so a crash at any point leaves the file in the drop directory, the archive or
 *   both — never nowhere;
 * - the archive's names are the long-term memory of what was processed (the checkpoint keeps only
 *   the recent files).
 */

export interface DropFile {
  path: string;
  size: number;
  mtimeMs: number;
  file: DropFileName;
}

export interface DropListing {
  files: DropFile[];
  /** Names of regular files that are not §1 file names (or whose date is not a calendar date). */
  unmatched: string[];
}

export interface ArchivedFile {
  sha256: string;
  file: DropFileName;
  path: string;
}

export interface ArchiveIndex {
  /** Every archived file's hash (processed and ignored). */
  hashes: Set<string>;
  /** Files archived as processed (their rows were landed, or they were quarantined whole). */
  processed: ArchivedFile[];
}

const ARCHIVED = /^([0-9a-f]{64})_(.+)$/;
export const IGNORED_SUBDIR = 'ignored';
const archiveName = (sha256: string, name: string) => `${sha256}_${name}`;

/** Regular files of the drop directory (sub-directories such as the archive are skipped). */
export async function listDrop(dir: string): Promise<DropListing> {
  const files: DropFile[] = [];
  const unmatched: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = parseFileName(entry.name);
    if (!file) {
      unmatched.push(entry.name);
      continue;
    }
    const path = join(dir, entry.name);
    const s = await stat(path).catch(() => null);
    if (s) files.push({ path, size: s.size, mtimeMs: s.mtimeMs, file });
  }
  return { files, unmatched: unmatched.sort() };
}

/** What the archive holds (an absent archive is empty). */
export async function readArchive(dir: string): Promise<ArchiveIndex> {
  const hashes = new Set<string>();
  const processed: ArchivedFile[] = [];
  for (const [sub, isProcessed] of [
    ['', true],
    [IGNORED_SUBDIR, false],
  ] as const) {
    const names = await readdir(join(dir, sub)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const name of names) {
      const m = ARCHIVED.exec(name);
      if (!m) continue;
      hashes.add(m[1]);
      const file = parseFileName(m[2]);
      if (isProcessed && file) processed.push({ sha256: m[1], file, path: join(dir, name) });
    }
  }
  return { hashes, processed };
}

/** SHA-256 of a file, streamed (hex). */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Moves `file` (whose content hashes to `sha`) into `dir` as `<sha>_<name>`. The original is removed
 * only when the archived copy has that hash and the original has not changed since it was listed.
 */
export async function moveToArchive(file: DropFile, sha: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, archiveName(sha, file.file.name));
  const part = join(dir, `.${archiveName(sha, file.file.name)}.part`);
  await copyFile(file.path, part);
  const handle = await open(part, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  if ((await sha256File(part)) !== sha) {
    await unlink(part).catch(() => undefined);
    throw new Error(`${file.file.name} changed while it was being archived`);
  }
  await rename(part, target);
  const now = await stat(file.path).catch(() => null);
  if (now && now.size === file.size && now.mtimeMs === file.mtimeMs) await unlink(file.path).catch(ignoreMissing);
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
