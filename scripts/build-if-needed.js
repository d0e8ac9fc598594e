// Builds dist/ when a source file is newer than the last build, so `npm start` works on a fresh clone.
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.tsbuildinfo');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sources = Math.max(
  ...['apps', 'libs', 'bench', 'tools']
    .filter((d) => existsSync(join(root, d)))
    .map((d) => newestSource(join(root, d))),
);
if (sources > built) {
  process.stderr.write('Building (tsc) ...\n');
  execSync('npx tsc -p tsconfig.build.json', { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
}
