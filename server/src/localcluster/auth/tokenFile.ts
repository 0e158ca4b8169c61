import { join } from 'node:path';
import type { Tokens } from './authenticate.js';
import { generateTokens } from './authenticate.js';
import { ROLE_NAMES } from './policy.js';
import { readDataFile, writeFileDurably } from '../durability/dataFiles.js';

/** Tokens stay the same across restarts of a durable cluster, so kubeconfigs handed out keep working. */
export function loadOrCreateTokens(dir: string): Tokens {
  const path = join(dir, 'tokens.json');
  const text = readDataFile(path);
  if (text !== undefined) {
    const parsed = JSON.parse(text) as Partial<Tokens>;
    if (ROLE_NAMES.every((r) => typeof parsed[r] === 'string' && parsed[r] !== '')) return parsed as Tokens;
  }
  const tokens = generateTokens();
  writeFileDurably(path, dir, JSON.stringify(tokens, null, 2) + '\n');
  return tokens;
}
