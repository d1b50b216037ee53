/**
 * A citizen journey of one question per page (the GOV.UK pattern), as data: the fields each page
 * asks, as the form posts them (strings by field path), and which page a schema's issue belongs to.
 * The services' journeys (api/services/<service>/journey.ts) say which pages they have and in what order.
 */

export interface JourneyField {
  /** The path in the application (e.g. elder.idNumber), also the form field's name. */
  path: string;
  /** `textarea`: a few lines in the reader's own words (what happened). */
  control: 'text' | 'textarea' | 'radios' | 'checkbox';
  /** For radios: the values offered, with their translation keys. */
  options?: readonly { value: string; label: string }[];
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'text';
  /** A short field for a short answer (ID number, phone). */
  width?: 'short' | 'medium';
  /** For radios: the choice made until the reader makes another (the common case, e.g. a resident ID card). */
  default?: string;
}

export interface JourneyPage<Step extends string = string> {
  step: Step;
  fields: readonly JourneyField[];
}

/** What a browser posted and the draft keeps: strings by field path. */
export type FlatAnswers = Readonly<Record<string, string>>;

/** The fields of a page that an issue at `issuePath` belongs to (an issue on `agent` as a whole lands on its first field). */
export function fieldOfIssue(page: Pick<JourneyPage, 'fields'>, issuePath: readonly PropertyKey[]): string | undefined {
  const path = issuePath.map(String).join('.');
  return page.fields.find((field) => field.path === path || field.path.startsWith(`${path}.`) || path.startsWith(`${field.path}.`))?.path;
}
