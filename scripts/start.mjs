// `npm start`: build with the chatter kept back, then start the demo, so the last lines on screen
// are the three a newcomer needs: the address, the cluster, and the kubectl command.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {string[]} command
 * @returns {Promise<{ code: number; output: string }>}
 */
function runCaptured(command) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: 127, output: `${output}${error.message}\n` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Builds quietly; on failure shows the whole build output, since then it is what matters.
 *
 * @param {{
 *   build: string[];
 *   serve: string[];
 *   out?: NodeJS.WritableStream;
 *   err?: NodeJS.WritableStream;
 *   signal?: AbortSignal;
 * }} options
 * @returns {Promise<number>} the exit status for `npm start`
 */
export async function startQuietly({ build, serve, out = process.stdout, err = process.stderr, signal }) {
  out.write('Building Dialtone (its output is shown only if the build fails)…\n');
  const started = Date.now();
  const built = await runCaptured(build);
  if (built.code !== 0) {
    err.write(built.output);
    err.write(
      `\nThe build failed with exit status ${built.code}; its output is above. Fix that, then run npm start again.\n`,
    );
    return built.code;
  }
  out.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s. Starting the demo…\n\n`);
  const server = spawn(serve[0], serve.slice(1), { cwd: repoRoot, stdio: ['inherit', 'pipe', 'pipe'] });
  server.stdout.pipe(out, { end: false });
  server.stderr.pipe(err, { end: false });
  const stop = () => server.kill('SIGTERM');
  signal?.addEventListener('abort', stop, { once: true });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise((resolve) => {
    server.on('close', (code) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(code ?? 0);
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await startQuietly({
    build: ['npm', 'run', 'build'],
    serve: [process.execPath, 'server/dist/cli/main.js', '--demo', ...process.argv.slice(2)],
  });
}
