import { spawn, type ChildProcess } from 'node:child_process';

export interface KubectlResult {
  /** null when kubectl was killed at the deadline. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  /** Written to kubectl's stdin, e.g. a manifest for `apply -f -`. */
  input?: string;
  timeoutMs?: number;
}

/**
 * Runs one kubectl binary against one kubeconfig with a HOME of its own, so its discovery cache starts
 * cold and belongs to this run. Asynchronous on purpose: the embedded cluster may live in this very
 * process and must keep answering while kubectl waits for it.
 */
export class Kubectl {
  constructor(
    private readonly binary: string,
    private readonly kubeconfigPath: string,
    private readonly home: string,
  ) {}

  run(args: string[], options: KubectlOptions = {}): Promise<KubectlResult> {
    const child = this.spawn(args);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin?.end(options.input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    return new Promise((resolve, reject) => {
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`could not run ${this.binary}: ${error.message}; build it or put kubectl on PATH`));
      });
      child.once('close', (exitCode) => {
        clearTimeout(timer);
        resolve({ exitCode, stdout, stderr });
      });
    });
  }

  /** A long-running kubectl (e.g. `get -w`); the caller reads its output and kills it. */
  spawn(args: string[]): ChildProcess {
    const { KUBECONFIG: _ignored, ...env } = process.env;
    return spawn(this.binary, ['--kubeconfig', this.kubeconfigPath, ...args], {
      env: { ...env, HOME: this.home },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }
}
