import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface RunningProgram {
  child: ChildProcess;
  /** Where its stdout and stderr go, for the failure message of a test. */
  logPath: string;
  /** The last lines it wrote, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

/** Starts a judge with its output in a log file, so a failing test can show why the program refused. */
export function startProgram(
  path: string,
  args: string[],
  logPath: string,
  env: NodeJS.ProcessEnv = process.env,
): RunningProgram {
  const child = spawn(path, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logPath);
  let recent = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    recent = (recent + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      log.end();
      resolve();
    });
  });
  return {
    child,
    logPath,
    tail: () =>
      recent
        .split('\n')
        .slice(-25)
        .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
        .join('\n'),
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Polls `ready` until it answers true, failing early with the program's own words when it exits. */
export async function waitUntilReady(
  program: RunningProgram,
  name: string,
  ready: () => Promise<boolean>,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (program.child.exitCode !== null) {
      throw new Error(
        `${name} exited with code ${program.child.exitCode} while starting:\n${program.tail()}`,
      );
    }
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${name} was not ready within ${timeoutMs / 1000} s (log: ${program.logPath}):\n${program.tail()}`,
  );
}
