import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { LintInput } from '@dialtone/shared';
import { UsageError } from './io.js';

const MANIFEST = /\.ya?ml$/i;

async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Hidden folders (.git, .github) hold no manifests worth checking and can be huge.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile() && MANIFEST.test(entry.name)) files.push(path);
  }
  return files;
}

/** The texts to lint, in argument order; directories are read recursively for *.yaml and *.yml. */
export async function readLintInputs(
  paths: readonly string[],
  cwd: string,
  stdin: Readable,
): Promise<LintInput[]> {
  const inputs: LintInput[] = [];
  for (const path of paths) {
    if (path === '-') {
      inputs.push({ source: '<stdin>', text: await readStream(stdin) });
      continue;
    }
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UsageError(`cannot read ${path}: no such file or directory.`);
    const files = info.isDirectory() ? await walk(absolute) : [absolute];
    for (const file of files) {
      const shown = relative(cwd, file) || file;
      inputs.push({ source: shown.startsWith('..') ? file : shown, text: await readFile(file, 'utf8') });
    }
  }
  return inputs;
}
