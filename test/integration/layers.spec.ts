import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CRUISER = join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

/** Runs the layer check of `npm run lint` over `files` laid out as in the repository. */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'governance-layers-'));
  try {
    writeFileSync(join(dir, 'tsconfig.json'), '{"compilerOptions":{"strict":true}}');
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
  it('refuses an import against the direction of the layers, naming the rule', () => {
    const { status, output } = cruise({
      'libs/application/src/helper.ts': 'export const x = 1;',
      'libs/projections/src/view.ts':
        "import { x } from '../../application/src/helper';\nexport const y = x;",
      'libs/domain/src/rule.ts': "import { y } from '../../projections/src/view';\nexport const z = y;",
      'libs/event-store/src/port.ts': "import { z } from '../../domain/src/rule';\nexport const w = z;",
      'apps/api/src/main.ts': "import { w } from '../../../libs/event-store/src/port';\nexport const v = w;",
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
      'libs/projections/src/view.ts': "import { z } from '../../domain/src/rule';\nexport const y = z;",
      'libs/application/src/handler.ts':
        "import { y } from '../../projections/src/view';\nimport { z } from '../../domain/src/rule';\nexport const x = y + z;",
      'apps/api/src/main.ts':
        "import { x } from '../../../libs/application/src/handler';\nexport const v = x;",
    });
    expect({ status, output }).toMatchObject({ status: 0 });
  });
});
