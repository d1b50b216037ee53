/** The staff pages' calls for rule tables (docs/decisions/030), through the API in process. */
import type { AstroGlobal } from 'astro';

type Astro = Pick<AstroGlobal, 'locals'>;

export interface RuleFieldProblem {
  field: string;
  message: string;
}

/** A table as the API shows it, or the status that says why not (404: no such table). */
export async function ruleTable(astro: Astro, table: string) {
  const response = await astro.locals.portal.api.staff.rules[':table'].$get({ param: { table } });
  return response.status === 200 ? { ok: true as const, table: await response.json() } : { ok: false as const, status: response.status };
}

/**
 * Adds a row; a refusal comes back as problems by form field: a problem inside the value
 * (`value.bands.0.fromAge`) belongs to the value's field (`bands`), the first one per field.
 */
export async function addRuleRow(astro: Astro, table: string, row: { key: string; effectiveFrom: string; value: Record<string, unknown>; basis: string; reason: string }) {
  const response = await astro.locals.portal.api.staff.rules[':table'].$post({ param: { table }, json: row });
  if (response.status === 201) return { ok: true as const };
  const body = (await response.json()) as { error: { message: string; fields?: RuleFieldProblem[] } };
  return { ok: false as const, status: response.status, message: body.error.message, problems: formProblems(body.error.fields ?? []) };
}

/** Problems by the row's fields (`value.bands.0.fromAge`) as problems by the form's (`bands`), the first one per field. */
export function formProblems(fields: readonly RuleFieldProblem[]): RuleFieldProblem[] {
  const problems: RuleFieldProblem[] = [];
  for (const problem of fields) {
    const parts = problem.field.split('.');
    const field = (parts[0] === 'value' ? parts[1] : parts[0]) ?? problem.field;
    if (!problems.some((known) => known.field === field)) problems.push({ field, message: problem.message });
  }
  return problems;
}
