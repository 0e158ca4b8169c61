import type { Readable, Writable } from 'node:stream';

/** The streams a command talks to; tests pass their own to capture output without a child process. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
}

export function processIO(): CliIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/** Raised for wrong flags or arguments; the command prints it and exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
