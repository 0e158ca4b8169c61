import { closeSync, fsyncSync, ftruncateSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KubeObject } from '../types.js';
import type { Persistence, StoredChange, StoreSnapshot } from '../store/store.js';
import {
  ensurePrivateDirectory,
  openDataFileForAppend,
  readDataFile,
  writeFileDurably,
} from './dataFiles.js';

const SNAPSHOT = 'objects.json';
const LOG = 'changes.log';
const LOCK = 'lock';
const DEFAULT_COMPACT_AFTER = 5_000;

/** Directories open in this process; the lock file covers other processes. */
const openHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Two servers appending to one log would corrupt it; a lock left by a killed process is taken over. */
function acquireLock(dir: string): void {
  const path = join(dir, LOCK);
  const inUse = (owner: string) =>
    new Error(`another dialtone cluster (${owner}) is using ${dir}: stop it, or choose another --data-dir`);
  if (openHere.has(dir)) throw inUse('in this process');
  const owner = readDataFile(path);
  if (owner !== undefined) {
    const pid = Number(owner.trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw inUse(`pid ${pid}`);
  }
  writeFileDurably(path, dir, `${process.pid}\n`);
  openHere.add(dir);
}

function objectKey(typeKey: string, namespace: string | undefined, name: string | undefined): string {
  return `${typeKey}\u0000${namespace ?? ''}\u0000${name ?? ''}`;
}

/**
 * A snapshot plus an append-only change log, fsynced before each write is acknowledged. On open the log
 * is folded into a fresh snapshot; a torn last line (the process died mid-write, before acknowledging it)
 * is dropped.
 */
export class FileLog implements Persistence {
  private fd: number;
  private pending = 0;
  private compactionQueued = false;
  private closed = false;
  private source: (() => StoreSnapshot) | undefined;

  private constructor(
    private readonly dir: string,
    readonly restored: StoreSnapshot,
    private readonly compactAfter: number,
  ) {
    this.fd = openDataFileForAppend(join(dir, LOG));
  }

  /** `compactAfter`: fold the log into the snapshot after this many writes. */
  static open(directory: string, compactAfter = DEFAULT_COMPACT_AFTER): FileLog {
    const dir = resolve(directory);
    ensurePrivateDirectory(dir);
    acquireLock(dir);
    const objects = new Map<string, { typeKey: string; object: KubeObject }>();
    let rv = 0;
    const snapshotPath = join(dir, SNAPSHOT);
    const snapshotText = readDataFile(snapshotPath);
    if (snapshotText !== undefined) {
      const snapshot = JSON.parse(snapshotText) as StoreSnapshot;
      rv = snapshot.rv;
      for (const entry of snapshot.objects) {
        objects.set(
          objectKey(entry.typeKey, entry.object.metadata.namespace, entry.object.metadata.name),
          entry,
        );
      }
    }
    const logPath = join(dir, LOG);
    const logText = readDataFile(logPath);
    if (logText !== undefined) {
      for (const line of logText.split('\n')) {
        if (line === '') continue;
        let change: StoredChange;
        try {
          change = JSON.parse(line) as StoredChange;
        } catch {
          break;
        }
        rv = Math.max(rv, change.rv);
        if (change.op === 'put') {
          const meta = change.object.metadata;
          objects.set(objectKey(change.typeKey, meta.namespace, meta.name), {
            typeKey: change.typeKey,
            object: change.object,
          });
        } else {
          objects.delete(objectKey(change.typeKey, change.namespace || undefined, change.name));
        }
      }
    }
    const restored: StoreSnapshot = { rv, objects: [...objects.values()] };
    writeFileDurably(snapshotPath, dir, JSON.stringify(restored));
    const fd = openDataFileForAppend(logPath);
    ftruncateSync(fd, 0);
    fsyncSync(fd);
    closeSync(fd);
    return new FileLog(dir, restored, compactAfter);
  }

  write(change: StoredChange): void {
    writeSync(this.fd, JSON.stringify(change) + '\n');
    fsyncSync(this.fd);
    this.pending++;
    if (this.pending >= this.compactAfter && this.source && !this.compactionQueued) {
      this.compactionQueued = true;
      // After the caller has applied this change to the store, so the snapshot includes it.
      setImmediate(() => this.compact());
    }
  }

  /** Where a compaction reads the current state; without one the log only shrinks at the next start. */
  compactFrom(source: () => StoreSnapshot): void {
    this.source = source;
  }

  /**
   * Folds the log into a new snapshot. A crash between the two steps is harmless: replaying a change
   * already in the snapshot gives the same state.
   */
  private compact(): void {
    this.compactionQueued = false;
    if (!this.source || this.closed) return;
    writeFileDurably(join(this.dir, SNAPSHOT), this.dir, JSON.stringify(this.source()));
    ftruncateSync(this.fd, 0);
    fsyncSync(this.fd);
    this.pending = 0;
  }

  get directory(): string {
    return this.dir;
  }

  close(): void {
    this.closed = true;
    closeSync(this.fd);
    rmSync(join(this.dir, LOCK), { force: true });
    openHere.delete(this.dir);
  }
}
