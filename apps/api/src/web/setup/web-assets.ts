import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../../publishing/project-root';

export interface WebAssets {
  /** Where the pages find them: `/assets/<build id>`, new whenever any of them changes. */
  readonly path: string;
  readonly dir: string;
}

/** A package's folder: sass exports no package.json, but its main file sits at its root. */
const packageDir = (name: string) =>
  dirname(require.resolve(name === 'sass' ? name : `${name}/package.json`));
const versionOf = (name: string) =>
  (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;

let built: WebAssets | null = null;

/**
 * The web pages' stylesheet and scripts: our Sass over GOV.UK Frontend and MoJ Frontend compiled
 * once into `dist/web-assets/<build id>/` (no bundler: the libraries ship ready-made ES modules),
 * with both libraries' images. The id hashes the sources and library versions, so a build is made
 * once per change and served as immutable.
 */
export function webAssets(): WebAssets {
  if (built) return built;
  const root = projectRoot();
  const source = join(root, 'apps', 'api', 'src', 'web', 'assets');
  const scss = join(source, 'scss', 'app.scss');
  const script = join(source, 'js', 'app.mjs');
  const id = createHash('sha256')
    .update(readFileSync(scss))
    .update(readFileSync(script))
    .update(['govuk-frontend', '@ministryofjustice/frontend', 'sass'].map(versionOf).join())
    .digest('hex')
    .slice(0, 12);
  const dir = join(root, 'dist', 'web-assets', id);
  if (!existsSync(dir)) {
    mkdirSync(dirname(dir), { recursive: true });
    // Built aside and renamed into place: test workers and instances starting together do not
    // serve each other half a build.
    const aside = mkdtempSync(`${dir}-`);
    // Sass (5 MB of compiled Dart) is loaded only when a build is made: most starts find one.
    const { compile, Logger } = require('sass') as typeof import('sass');
    // MoJ Frontend still calls mixins GOV.UK Frontend has deprecated: its warnings are not ours to act on.
    const css = compile(scss, {
      loadPaths: [root],
      style: 'compressed',
      quietDeps: true,
      logger: Logger.silent,
    }).css;
    writeFileSync(join(aside, 'app.css'), css);
    cpSync(script, join(aside, 'app.mjs'));
    const govuk = join(packageDir('govuk-frontend'), 'dist', 'govuk');
    const moj = join(packageDir('@ministryofjustice/frontend'), 'moj');
    cpSync(join(govuk, 'govuk-frontend.min.js'), join(aside, 'govuk-frontend.min.js'));
    cpSync(join(moj, 'moj-frontend.min.js'), join(aside, 'moj-frontend.min.js'));
    cpSync(join(govuk, 'assets', 'images'), join(aside, 'images'), { recursive: true });
    cpSync(join(moj, 'assets', 'images'), join(aside, 'images'), { recursive: true });
    try {
      renameSync(aside, dir);
    } catch (error) {
      rmSync(aside, { recursive: true, force: true });
      if (!existsSync(dir)) throw error;
    }
  }
  built = { path: `/assets/${id}`, dir };
  return built;
}
