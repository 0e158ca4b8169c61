import { PassThrough } from 'node:stream';
import type { CliIO } from './io.js';

export interface CapturedIO extends CliIO {
  out(): string;
  err(): string;
  /** Resolves with the first match of `pattern` in what was written to stdout so far or later. */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** Streams for running a command in-process and reading what it printed (tests and benchmarks). */
export function captureIO(options: { cwd?: string; stdin?: string } = {}): CapturedIO {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  if (options.stdin !== undefined) stdin.end(options.stdin);
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    stdin,
    stdout,
    stderr,
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
    async waitForOutput(pattern) {
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}
