import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CRUISER = join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

/** Runs the layer check of `npm run lint` over `files` laid out as in the repository. */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'governance-layers-'));
  try {
    // The libraries' aliases, as the repository's compiler options declare them.
    const { paths } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')).compilerOptions;
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, paths } }));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const run = spawnSync(CRUISER, ['libs', 'apps', '--config', CONFIG], { cwd: dir, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the layers, as npm run lint checks them', () => {
  it('refuses an import against the direction of the layers, by alias or by path, naming the rule', () => {
    const { status, output } = cruise({
      'libs/application/src/helper.ts': 'export const x = 1;',
      'libs/projections/src/view.ts': "import { x } from '#application/helper';\nexport const y = x;",
      'libs/domain/src/rule.ts': "import { y } from '#projections/view';\nexport const z = y;",
      'libs/event-store/src/port.ts': "import { z } from '#domain/rule';\nexport const w = z;",
      'apps/api/src/main.ts': "import { w } from '#event-store/port';\nexport const v = w;",
      'libs/database/src/db.ts': "import { v } from '../../../apps/api/src/main';\nexport const u = v;",
    });
    expect(status).not.toBe(0);
    for (const rule of [
      'projections-know-no-application',
      'domain-is-pure',
      'storage-knows-no-domain',
      'libs-know-no-apps',
    ])
      expect(output).toContain(rule);
  });

  it('passes imports that follow the layers', () => {
    const { status, output } = cruise({
      'libs/domain/src/rule.ts': 'export const z = 1;',
      'libs/projections/src/view.ts': "import { z } from '#domain/rule';\nexport const y = z;",
      'libs/application/src/handler.ts':
        "import { y } from '#projections/view';\nimport { z } from '#domain/rule';\nexport const x = y + z;",
      'apps/api/src/main.ts': "import { x } from '#application/handler';\nexport const v = x;",
    });
    expect({ status, output }).toMatchObject({ status: 0 });
  });
});
