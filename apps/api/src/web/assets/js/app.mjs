// Enhancements only: every page works without this script.
import { initAll as initGovuk } from './govuk-frontend.min.js';
import { initAll as initMoj } from './moj-frontend.min.js';

initGovuk();
initMoj();
