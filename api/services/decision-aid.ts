/**
 * What a service's rules say to the members deciding a case, beside the case (docs/decisions/046):
 * facts, tables and notes, each as words of the resources with their values, and the decision they
 * propose. The workbench renders any service's aid the same way (site/pages/staff/cases/), so a
 * service says what matters for its decisions (高龄津贴: the elder's age and the district's bands;
 * 低保: the household's income per head against the district's standard) without a page of its own.
 * Serialisable: the API hands it to the page as it hands it to any client.
 */

/** Words to show: a key of the resources, in the namespace of the service that says them, and its values. */
export interface Said {
  key: string;
  values?: Readonly<Record<string, SaidValue>>;
}

/** A value in words: plain text or a number, other words, a calendar day or month (written as the reader's language does), or an amount in fen. */
export type SaidValue = string | number | Said | { date: string } | { month: string } | { fen: number };

/** A personal value in a fact or a cell: masked unless the reader may see it whole (as AnswerRow's). */
export type PersonalKind = 'id' | 'phone' | 'account' | 'birth';

/** A cell: words, or text as entered (a name), possibly personal. */
export type AidCell = Said | { text: string; personal?: PersonalKind };

export interface AidFact {
  label: Said;
  value: AidCell;
  /** For the tests and the page's styles to find it by. */
  testId?: string;
}

export interface AidRow {
  /** The row's header cell (scope="row"). */
  header: AidCell;
  cells: readonly AidCell[];
  /** Marks the row that applies to this case (the elder's band), with words said beside its header. */
  current?: Said;
  /** A total or a result row, shown apart. */
  total?: boolean;
}

export interface AidTable {
  testId?: string;
  caption: Said;
  /** Figures made up for the demonstration: the caption says "example". */
  example?: boolean;
  /** The column headers, the first over the rows' headers. */
  head: readonly Said[];
  rows: readonly AidRow[];
}

export interface DecisionAid {
  /** The day its figures are for: today, the decision day (YYYY-MM-DD). */
  on: string;
  /** What the aid is computed from, said under its title. */
  lead: Said;
  facts: readonly AidFact[];
  tables: readonly AidTable[];
  /** Notes after the tables (the figures are examples; no standard applies). */
  notes: readonly Said[];
  /** By transition, by field: { approve: { monthlyAmount: '60', firstMonth: '2027-01' } }. Pre-fills the transition's fields; the member may change them, and the transition's schema still checks what is sent. */
  proposals: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** By transition, by field: where the proposed value comes from, said under the field. */
  hints: Readonly<Record<string, Readonly<Record<string, Said>>>>;
}

/** Words with their values: `said('old-age-allowance:aid.ageValue', { age: 86 })`. */
export const said = (key: string, values?: Readonly<Record<string, SaidValue>>): Said => (values ? { key, values } : { key });

export const isSaid = (value: SaidValue | AidCell): value is Said => typeof value === 'object' && value !== null && 'key' in value;
