import nunjucks from 'nunjucks';
import { dirname, join } from 'node:path';
import { projectRoot } from '../../publishing/project-root';
import { GOVUK_FRONTEND_DIST, longDate } from '../../publishing/html-pages';
import { webAssets } from './web-assets';

/** The web application's templates, over the GOV.UK Design System's. */
export function webViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([
      join(projectRoot(), 'apps', 'api', 'src', 'web', 'views'),
      GOVUK_FRONTEND_DIST,
      dirname(require.resolve('@ministryofjustice/frontend/package.json')),
      // Last: the published documents' parts (the minutes), shared with the printable pages.
      join(projectRoot(), 'apps', 'api', 'templates'),
    ]),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addFilter('longDate', longDate);
  // The template's images and our stylesheet and scripts, from this build's folder.
  env.addGlobal('assetPath', webAssets().path);
  return env;
}
