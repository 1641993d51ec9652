import type { MatchPhoneInput, RegionsQuery, StopAt } from '../../schema/generated/graphql.ts';
import { h, present } from './dom.ts';
import type { Violation } from './problems.ts';

type Region = RegionsQuery['regions'][number];
/** Where the customer is, by canonical short names where known (杭州, 浙江). */
export interface Place {
  readonly city: string | null;
  readonly province: string | null;
}

type FieldName = 'prefix' | 'suffix' | 'mask' | 'province' | 'city';

export interface SearchFormHandlers {
  search(input: MatchPhoneInput): void;
  cancel(): void;
}

interface Field {
  readonly input: HTMLInputElement;
  readonly error: HTMLElement;
}

/**
 * The search form: the number as prefix and suffix (or a mask), the customer's province and city with
 * pickers fed by the `regions` query, and when to stop. Problems the API reports are shown at the field
 * they concern, with its suggestions as buttons that fill the field in.
 */
export class SearchForm {
  readonly element: HTMLFormElement;
  private readonly fields = new Map<FieldName, Field>();
  private readonly stopAt: HTMLSelectElement;
  private readonly searchButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly formError: HTMLElement;
  private readonly provinceOptions = h('datalist', { id: 'province-options' });
  private readonly cityOptions = h('datalist', { id: 'city-options' });
  private regions: readonly Region[] = [];

  constructor(private readonly handlers: SearchFormHandlers) {
    const field = (name: FieldName, label: string, hint: string, attributes: Record<string, string> = {}) => {
      const input = h('input', {
        id: name,
        name,
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': `${name}-hint ${name}-error`,
        ...attributes,
      });
      const error = h('div', { id: `${name}-error`, class: 'field-error', 'aria-live': 'polite' });
      input.addEventListener('input', () => this.clearField(name));
      this.fields.set(name, { input, error });
      return h(
        'div',
        { class: `field field-${name}` },
        h('label', { for: name }, label),
        input,
        h('div', { id: `${name}-hint`, class: 'hint' }, hint),
        error,
      );
    };

    this.stopAt = h(
      'select',
      { id: 'stop-at', name: 'stopAt' },
      h('option', { value: 'FIRST_MATCH' }, 'First match'),
      h('option', { value: 'TIER' }, 'Finish that tier'),
      h('option', { value: 'ALL' }, 'Search every tier'),
    );
    this.searchButton = h('button', { type: 'submit', class: 'primary' }, 'Search');
    this.cancelButton = h('button', { type: 'button', disabled: true, onclick: () => handlers.cancel() }, 'Cancel');
    this.formError = h('div', { class: 'form-error', role: 'alert' });
    this.formError.hidden = true;

    this.element = h(
      'form',
      { class: 'card search-form', 'aria-labelledby': 'search-title', novalidate: true },
      h('h2', { id: 'search-title' }, 'Find the number'),
      h(
        'fieldset',
        { class: 'number' },
        h('legend', {}, 'Number the customer gave'),
        field('prefix', 'Prefix', 'First digits, e.g. 138', { inputmode: 'numeric' }),
        field('suffix', 'Suffix', 'Last digits, e.g. 1234', { inputmode: 'numeric' }),
        h('div', { class: 'or', 'aria-hidden': 'true' }, 'or'),
        field('mask', 'Mask', 'All 11 digits, * for each unknown one', { placeholder: '138****1234' }),
      ),
      h(
        'fieldset',
        { class: 'place' },
        h('legend', {}, 'Where the customer is'),
        field('province', 'Province', 'Optional · 浙江 or Zhejiang', { list: 'province-options' }),
        field('city', 'City', 'Optional · searched first', { list: 'city-options' }),
      ),
      this.provinceOptions,
      this.cityOptions,
      h('div', { class: 'field field-stop-at' }, h('label', { for: 'stop-at' }, 'Stop at'), this.stopAt),
      this.formError,
      h('div', { class: 'actions' }, this.searchButton, this.cancelButton),
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.searchButton.disabled) this.submit();
    });
    this.fields.get('province')!.input.addEventListener('input', () => this.fillCityOptions());
  }

  /** Fills the pickers from the `regions` query (provinces, and cities most segments first). */
  setRegions(regions: readonly Region[]): void {
    this.regions = regions;
    this.provinceOptions.replaceChildren(
      ...regions.map((p) => h('option', { value: p.name, label: `${p.fullName} · ${p.englishName}` })),
    );
    this.fillCityOptions();
  }

  setRunning(running: boolean): void {
    this.searchButton.disabled = running;
    this.cancelButton.disabled = !running;
    this.cancelButton.textContent = 'Cancel';
    this.element.setAttribute('aria-busy', String(running));
  }

  /** Shows what a re-attached search was started with (its number as a mask). */
  showSearched(searched: { query: string; city?: string | null; province?: string | null; stopAt: StopAt }): void {
    const values: Record<FieldName, string> = {
      prefix: '',
      suffix: '',
      mask: searched.query,
      province: searched.province ?? '',
      city: searched.city ?? '',
    };
    for (const [name, { input }] of this.fields) input.value = values[name];
    this.stopAt.value = searched.stopAt;
    this.fillCityOptions();
  }

  /** Cancel was pressed: wait for the service to confirm. */
  setCancelling(): void {
    this.cancelButton.disabled = true;
    this.cancelButton.textContent = 'Cancelling…';
  }

  /** Shows the API's violations at their fields; those about no single field go above the buttons. */
  showViolations(violations: readonly Violation[]): void {
    this.clearErrors();
    const general: string[] = [];
    for (const v of violations) {
      const field = this.fields.get(v.field as FieldName);
      if (!field) {
        general.push(v.message);
        continue;
      }
      field.input.setAttribute('aria-invalid', 'true');
      field.error.append(
        ...present(
          h('p', {}, v.message),
          v.accepted ? h('p', { class: 'accepted' }, `Accepted: ${v.accepted}`) : null,
          v.suggestions.length > 0
            ? h(
                'p',
                { class: 'suggestions' },
                'Did you mean ',
                ...v.suggestions.map((s) =>
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'suggestion',
                      onclick: () => this.applySuggestion(v, s),
                    },
                    s,
                  ),
                ),
                '?',
              )
            : null,
        ),
      );
    }
    const first = violations.map((v) => this.fields.get(v.field as FieldName)).find((f) => f !== undefined);
    if (general.length > 0) this.showFormError(general.join(' '));
    else if (first) first.input.focus();
  }

  /**
   * Fills in a suggestion. The API names places as `杭州 (浙江, Hangzhou)` or `浙江 (Zhejiang)`: a city
   * suggestion sets the city and its province (which tells apart a shared name or a city of another
   * province), a province offered for the city field moves to the province field.
   */
  private applySuggestion(v: Violation, suggestion: string): void {
    const [, name = suggestion, context = ''] = /^(.+?) \((.*)\)$/.exec(suggestion) ?? [];
    const set = (field: FieldName, value: string) => {
      this.fields.get(field)!.input.value = value;
      this.clearField(field);
    };
    if (v.field === 'city' && v.reason === 'CITY_IS_PROVINCE') {
      set('province', name);
      set('city', '');
    } else if (v.field === 'city') {
      set('city', name);
      const province = context.split(', ')[0];
      if (province && this.regions.some((p) => p.name === province)) set('province', province);
    } else if (v.field === 'province') set('province', name);
    else set(v.field as FieldName, suggestion);
    this.fillCityOptions();
    this.fields.get(v.field as FieldName)?.input.focus();
  }

  showFormError(message: string): void {
    this.formError.textContent = message;
    this.formError.hidden = false;
  }

  clearErrors(): void {
    for (const name of this.fields.keys()) this.clearField(name);
    this.formError.hidden = true;
    this.formError.textContent = '';
  }

  /** The canonical names of the input's place, as far as the pickers' data tells (for labels only). */
  placeOf(input: MatchPhoneInput): Place {
    const same = (names: ReadonlyArray<string | null | undefined>, typed: string) =>
      names.some((n) => n?.toLowerCase() === typed.toLowerCase());
    const province = input.province
      ? this.regions.find((p) => same([p.name, p.fullName, p.englishName], input.province!))
      : undefined;
    const inCity = input.city
      ? (province ? [province] : this.regions).find((p) =>
          p.cities.some((c) => same([c.name, c.fullName, c.englishName], input.city!)),
        )
      : undefined;
    const city = inCity?.cities.find((c) => same([c.name, c.fullName, c.englishName], input.city!));
    return {
      city: city?.name ?? input.city ?? null,
      province: province?.name ?? inCity?.name ?? input.province ?? null,
    };
  }

  /** The form's values as the API's input; empty fields are left out. */
  value(): MatchPhoneInput {
    const input: MatchPhoneInput = { stopAt: this.stopAt.value as StopAt };
    for (const [name, { input: element }] of this.fields) {
      const text = element.value.trim();
      if (text) input[name] = text;
    }
    return input;
  }

  private submit(): void {
    this.clearErrors();
    const input = this.value();
    if (!input.prefix && !input.suffix && !input.mask) {
      this.showFormError('Enter the digits the customer gave: a prefix, a suffix, or both (or a mask).');
      this.fields.get('prefix')!.input.focus();
      return;
    }
    this.handlers.search(input);
  }

  private clearField(name: FieldName): void {
    const field = this.fields.get(name)!;
    field.input.removeAttribute('aria-invalid');
    field.error.replaceChildren();
  }

  /** Cities of the province typed so far (by any of its names), or every city. */
  private fillCityOptions(): void {
    const typed = this.fields.get('province')!.input.value.trim().toLowerCase();
    const province = this.regions.find((p) =>
      [p.name, p.fullName, p.englishName].some((n) => n.toLowerCase() === typed),
    );
    const cities = (province ? [province] : this.regions)
      .flatMap((p) => p.cities.map((city) => ({ city, province: p.name })))
      .sort((a, b) => b.city.segmentCount - a.city.segmentCount);
    this.cityOptions.replaceChildren(
      ...cities.map(({ city, province: inProvince }) =>
        h('option', {
          value: city.name,
          label: [city.fullName, inProvince, city.englishName].filter(Boolean).join(' · '),
        }),
      ),
    );
  }
}
