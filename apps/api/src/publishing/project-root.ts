import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository (or image) root: the nearest folder above with a package.json, from src or dist alike. */
export function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
