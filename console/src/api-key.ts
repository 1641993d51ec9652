import { h } from './dom.ts';
import { t } from './wording/language.ts';

/** Kept for the browser tab's session only: gone when the tab closes, never in a URL or a cookie. */
const STORAGE_KEY = 'phonematch.apiKey';

/** The server marks the page when every operation needs a key (production). */
export function apiKeyRequired(): boolean {
  return document.querySelector('meta[name="phonematch-api-key"]')?.getAttribute('content') === 'required';
}

export const storedApiKey = {
  get: (): string | null => sessionStorage.getItem(STORAGE_KEY),
  set: (key: string) => sessionStorage.setItem(STORAGE_KEY, key),
  forget: () => sessionStorage.removeItem(STORAGE_KEY),
};

/** Asks for the key in a modal dialog; resolves with it once entered. `problem` says why it is asked again. */
export function askForApiKey(problem?: string): Promise<string> {
  return new Promise((resolve) => {
    const input = h('input', {
      id: 'api-key',
      name: 'api-key',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
    });
    const error = h('p', { class: 'field-error', role: 'alert' }, problem ?? '');
    error.hidden = !problem;
    const dialog = h(
      'dialog',
      { class: 'key-dialog', 'aria-labelledby': 'key-title' },
      h(
        'form',
        {
          onsubmit: (event: Event) => {
            event.preventDefault();
            const key = input.value.trim();
            if (!key) return;
            storedApiKey.set(key);
            dialog.close();
            dialog.remove();
            resolve(key);
          },
        },
        h('h2', { id: 'key-title' }, t.key.title),
        h('p', {}, t.key.explain),
        h('label', { for: 'api-key' }, t.key.label),
        input,
        error,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t.key.use)),
      ),
    );
    // A key is needed to do anything: Escape must not leave the page without one.
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
