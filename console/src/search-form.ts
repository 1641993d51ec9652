import type { MatchPhoneInput, RegionsQuery, StopAt } from '../../schema/generated/graphql.ts';
import { h, present } from './dom.ts';
import { PlaceReadout, type PlaceReadoutHandlers } from './place-readout.ts';
import { placeOfSuggestion } from './place-suggestion.ts';
import type { PlacePick, Violation } from './problems.ts';
import { t } from './wording/language.ts';

type Region = RegionsQuery['regions'][number];
/** Where the customer is, by canonical short names where known (杭州, 浙江). */
export interface Place {
  readonly city: string | null;
  readonly province: string | null;
}

type FieldName = 'prefix' | 'suffix' | 'mask' | 'province' | 'city' | 'address';
/** The fields the customer's place is read from; any of them changing reads the place again. */
const PLACE_FIELDS: readonly FieldName[] = ['address', 'province', 'city'];

export interface SearchFormHandlers extends Pick<PlaceReadoutHandlers, 'readPlace'> {
  search(input: MatchPhoneInput): void;
  cancel(): void;
}

interface Field {
  readonly input: HTMLInputElement | HTMLTextAreaElement;
  readonly error: HTMLElement;
}

/**
 * The search form: the number as prefix and suffix (or a mask), where the customer is (the order's
 * address as pasted, province and city with pickers fed by the `regions` query), and when to stop. The
 * place the service reads from them is shown as it is typed, before any search. Problems the API reports
 * are shown at the field they concern, with its suggestions as buttons that fill the field in.
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
  /** Where the service reads the customer to be, shown before the search starts. */
  private readonly placeRead: PlaceReadout;
  private regions: readonly Region[] = [];

  constructor(private readonly handlers: SearchFormHandlers) {
    this.placeRead = new PlaceReadout({
      readPlace: (input, signal) => handlers.readPlace(input, signal),
      readingArrived: () => this.clearPlaceFields(),
      // Only the place's problems: the search reports the rest. Focus stays where the agent types.
      refused: (violations) => {
        this.clearPlaceFields();
        this.showAtFields(violations.filter((v) => PLACE_FIELDS.includes(v.field as FieldName)));
      },
    });
    const field = (
      name: FieldName,
      label: string,
      hint: string,
      attributes: Record<string, string | number> = {},
      tag: 'input' | 'textarea' = 'input',
    ) => {
      const input = h(tag, {
        id: name,
        name,
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': `${name}-hint ${name}-error`,
        ...attributes,
      });
      const error = h('div', { id: `${name}-error`, class: 'field-error', 'aria-live': 'polite' });
      input.addEventListener('input', () => this.clearField(name));
      if (PLACE_FIELDS.includes(name)) input.addEventListener('input', () => this.readPlaceSoon());
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
      h('option', { value: 'FIRST_MATCH' }, t.form.stopFirstMatch),
      h('option', { value: 'TIER' }, t.form.stopTier),
      h('option', { value: 'ALL' }, t.form.stopAll),
    );
    this.searchButton = h('button', { type: 'submit', class: 'primary' }, t.form.search);
    this.cancelButton = h(
      'button',
      { type: 'button', disabled: true, onclick: () => handlers.cancel() },
      t.form.cancel,
    );
    this.formError = h('div', { class: 'form-error', role: 'alert' });
    this.formError.hidden = true;

    this.element = h(
      'form',
      { class: 'card search-form', 'aria-labelledby': 'search-title', novalidate: true },
      h('h2', { id: 'search-title' }, t.form.title),
      h(
        'fieldset',
        { class: 'number' },
        h('legend', {}, t.form.numberLegend),
        field('prefix', t.form.prefix, t.form.prefixHint, { inputmode: 'numeric' }),
        field('suffix', t.form.suffix, t.form.suffixHint, { inputmode: 'numeric' }),
        h('div', { class: 'or', 'aria-hidden': 'true' }, t.form.or),
        field('mask', t.form.mask, t.form.maskHint, { placeholder: '138****1234' }),
      ),
      h(
        'fieldset',
        { class: 'place' },
        h('legend', {}, t.form.placeLegend),
        field(
          'address',
          t.form.address,
          t.form.addressHint,
          { rows: 2, maxlength: 200, placeholder: '浙江省金华市义乌市稠城街道工人北路1号' },
          'textarea',
        ),
        field('province', t.form.province, t.form.provinceHint, { list: 'province-options' }),
        field('city', t.form.city, t.form.cityHint, { list: 'city-options' }),
        this.placeRead.element,
      ),
      this.provinceOptions,
      this.cityOptions,
      h('div', { class: 'field field-stop-at' }, h('label', { for: 'stop-at' }, t.form.stopAt), this.stopAt),
      this.formError,
      h('div', { class: 'actions' }, this.searchButton, this.cancelButton),
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.searchButton.disabled) this.submit();
    });
    this.fields.get('province')!.input.addEventListener('input', () => this.fillCityOptions());
    // A pasted address is one line to the service; Enter searches, as in the other fields.
    this.fields.get('address')!.input.addEventListener('keydown', (event) => {
      const key = event as KeyboardEvent;
      if (key.key === 'Enter' && !key.shiftKey && !key.isComposing) {
        key.preventDefault();
        this.element.requestSubmit();
      }
    });
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
    this.cancelButton.textContent = t.form.cancel;
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
      // A search keeps the place it read, not the address: its province and city search the same.
      address: '',
    };
    for (const [name, { input }] of this.fields) input.value = values[name];
    this.stopAt.value = searched.stopAt;
    this.fillCityOptions();
    this.readPlaceSoon();
  }

  /** Cancel was pressed: wait for the service to confirm. */
  setCancelling(): void {
    this.cancelButton.disabled = true;
    this.cancelButton.textContent = t.form.cancelling;
  }

  /** Shows the API's violations at their fields; those about no single field go above the buttons. */
  showViolations(violations: readonly Violation[]): void {
    this.clearErrors();
    const general = this.showAtFields(violations);
    const first = violations.map((v) => this.fields.get(v.field as FieldName)).find((f) => f !== undefined);
    if (general.length > 0) this.showFormError(general.join(' '));
    else if (first) first.input.focus();
  }

  /** Shows violations at their fields, with their suggestions as buttons; returns the sentences of the others. */
  private showAtFields(violations: readonly Violation[]): string[] {
    const general: string[] = [];
    for (const v of violations) {
      const field = this.fields.get(v.field as FieldName);
      if (!field) {
        general.push(t.form.violation(v));
        continue;
      }
      field.input.setAttribute('aria-invalid', 'true');
      // Places that share a name are choices, not corrections of a typo.
      const choose = v.reason === 'AMBIGUOUS_PLACE';
      field.error.append(
        ...present(
          h('p', {}, t.form.violation(v)),
          t.form.accepted(v) ? h('p', { class: 'accepted' }, t.form.accepted(v)) : null,
          v.suggestions.length > 0
            ? h(
                'p',
                { class: 'suggestions' },
                `${choose ? t.form.whichPlace : t.form.didYouMean} `,
                ...v.suggestions.map((s, i) =>
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'suggestion',
                      onclick: () => this.applySuggestion(v, s, v.picks?.[i]),
                    },
                    s,
                  ),
                ),
                choose ? null : t.form.didYouMeanEnd,
              )
            : null,
        ),
      );
    }
    return general;
  }

  /**
   * Fills in a suggestion. A place suggestion comes with its pick (`extensions.picks`: the province and
   * city that name it alone, 江苏 + 南京鼓楼区), which is filled in as it is. Without one, the name is read
   * from the suggestion: `杭州 (浙江, Hangzhou)` and `鼓楼区 (江苏 南京)` set the city and its province,
   * `浙江 (Zhejiang)` the province; a province offered for the city field moves to the province field.
   * A place suggested for the address leaves the address as pasted and settles province and city.
   */
  private applySuggestion(v: Violation, suggestion: string, pick: PlacePick | undefined): void {
    const set = (field: FieldName, value: string) => {
      this.fields.get(field)!.input.value = value;
      this.clearField(field);
    };
    const place = pick ?? placeOfSuggestion(suggestion, (name) => this.regions.some((p) => p.name === name));
    if (v.field === 'city' && v.reason === 'CITY_IS_PROVINCE') {
      set('province', place.province ?? suggestion);
      set('city', '');
    } else if (v.field === 'province') set('province', place.province ?? suggestion);
    else if (v.field === 'city' || v.field === 'address') {
      if (place.province) set('province', place.province);
      if (place.city) set('city', place.city);
      this.clearField('address');
    } else set(v.field as FieldName, suggestion);
    this.fillCityOptions();
    this.readPlaceSoon();
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
    const read = this.placeRead.readingOf(input);
    if (read) return { city: read.city ?? null, province: read.province ?? null };
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
      // A pasted address may span lines; the service reads it as one.
      const text = (name === 'address' ? element.value.replace(/\s+/g, ' ') : element.value).trim();
      if (text) input[name] = text;
    }
    return input;
  }

  /** Reads the place again once typing pauses. */
  private readPlaceSoon(): void {
    const { province, city, address } = this.value();
    this.placeRead.readSoon({ province, city, address });
  }

  private submit(): void {
    this.clearErrors();
    const input = this.value();
    if (!input.prefix && !input.suffix && !input.mask) {
      this.showFormError(t.form.nothingEntered);
      this.fields.get('prefix')!.input.focus();
      return;
    }
    this.handlers.search(input);
  }

  private clearPlaceFields(): void {
    for (const name of PLACE_FIELDS) this.clearField(name);
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
