import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';

/**
 * The data directory holds Secrets' private keys and the identities' tokens, so it is private to its
 * owner and nothing in it is ever reached through a symbolic link: a link planted in place of a data
 * file would otherwise make the server read, truncate or overwrite whatever the link points to.
 */

const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

export class DataFileError extends Error {
  override readonly name = 'DataFileError';
}

function plantedLink(path: string): DataFileError {
  return new DataFileError(
    `${path} is a symbolic link, but the cluster's data files are regular files it writes itself: ` +
      'remove the link (and find out who put it there), then start the cluster again',
  );
}

function notRegular(path: string): DataFileError {
  return new DataFileError(
    `${path} is not a regular file: remove it from the data directory, then start the cluster again`,
  );
}

/** Creates the directory (0700), or narrows an existing one to 0700. */
export function ensurePrivateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink()) return;
  if ((stat.mode & 0o777) !== PRIVATE_DIR) chmodSync(dir, PRIVATE_DIR);
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException).code ?? '');
}

/** Opens without following a final symbolic link; the file ends up private whatever its old mode. */
function openNoFollow(path: string, flags: number): number {
  let fd: number;
  try {
    fd = openSync(path, flags | constants.O_NOFOLLOW, PRIVATE_FILE);
  } catch (error) {
    if (isCode(error, 'ELOOP')) throw plantedLink(path);
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notRegular(path);
    // Files an older version wrote 0644 are narrowed as soon as they are touched.
    if ((stat.mode & 0o777) !== PRIVATE_FILE) fchmodSync(fd, PRIVATE_FILE);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/** The file's text, or undefined when there is none. */
export function readDataFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openNoFollow(path, constants.O_RDONLY);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** An append-only descriptor for a log; created 0600 when absent. */
export function openDataFileForAppend(path: string): number {
  return openNoFollow(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT);
}

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Refuses to replace a symbolic link or a non-file: that is a planted file, not ours. */
function checkReplaceable(path: string): void {
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) throw plantedLink(path);
    if (!stat.isFile()) throw notRegular(path);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
}

/**
 * Replaces a file atomically and privately (0600): a crash leaves either the old or the new content,
 * never a mix.
 */
export function writeFileDurably(path: string, dir: string, content: string): void {
  checkReplaceable(path);
  const temp = `${path}.tmp-${process.pid}`;
  // A temporary file left by a crash is ours to drop; a link there is removed, never followed.
  rmSync(temp, { force: true });
  const fd = openNoFollow(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  fsyncDirectory(dir);
}
