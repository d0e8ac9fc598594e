// Enhancements only: every page works without this script.
import { initAll as initGovuk } from './govuk-frontend.min.js';
import { initAll as initMoj } from './moj-frontend.min.js';

initGovuk();
initMoj();

/**
 * Minute-taking from the keyboard, during the meeting: Alt+N, Alt+R or Alt+D chooses noted,
 * resolved or deferred and puts the cursor in its text; Ctrl+Enter (⌘+Enter) records the outcome
 * and goes to the next item. Each needs a modifier, so typing never sets one off (WCAG 2.1.4).
 */
function minuteTakingShortcuts(form) {
  const outcomes = {
    KeyN: ['noted', 'notedText'],
    KeyR: ['resolved', 'parts'],
    KeyD: ['deferred', 'reason'],
  };
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      form.requestSubmit(form.querySelector('[data-next]') ?? undefined);
      return;
    }
    const outcome = event.altKey && !event.ctrlKey && !event.metaKey ? outcomes[event.code] : undefined;
    if (!outcome) return;
    event.preventDefault();
    const radio = form.querySelector(`input[name="kind"][value="${outcome[0]}"]`);
    if (radio) radio.checked = true;
    form.querySelector(`#${outcome[1]}`)?.focus();
  });
  const hint = document.createElement('p');
  hint.className = 'govuk-hint';
  hint.dataset.shortcuts = '';
  hint.textContent =
    'Keyboard: Alt+N noted, Alt+R resolved, Alt+D deferred; Ctrl+Enter records the outcome and goes to the next item.';
  form.prepend(hint);
}

const minuteTaking = document.querySelector('form[data-minute-taking]');
if (minuteTaking && minuteTaking.querySelector('input[name="kind"]')) minuteTakingShortcuts(minuteTaking);
