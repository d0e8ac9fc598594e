import nunjucks from 'nunjucks';
import { join } from 'node:path';
import { projectRoot } from '../../publishing/project-root';
import { GOVUK_FRONTEND_DIST, longDate } from '../../publishing/html-pages';

/** The web application's templates, over the GOV.UK Design System's. */
export function webViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([
      join(projectRoot(), 'apps', 'api', 'src', 'web', 'views'),
      GOVUK_FRONTEND_DIST,
    ]),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addFilter('longDate', longDate);
  return env;
}
