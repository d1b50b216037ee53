/** Small helpers shared by the form pages. */
import { ZodError } from 'zod';
import { fieldOfIssue, type JourneyPage } from '../../api/domain/journey.ts';
import { fieldErrors } from '../../api/http/api-error.ts';
import type { Locale } from '../../api/i18n/index.ts';

/** An element id for a field path: elder.idNumber → elder-idNumber (no dots to escape in links). */
export function fieldId(name: string): string {
  return name.replace(/\./g, '-');
}

/** A label used mid-sentence in messages ("the older person’s name") at the start of a line. */
export function asLabel(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface FieldMessage {
  field: string;
  message: string;
}

/**
 * The problems of one page of a journey: the schema's issues on that page's fields, translated,
 * one per field (the first is the one to fix first). Fields are named by their labels under
 * `labelRoot` (`fields` by default; a tool's own subtree: site/lib/journey-tools.ts).
 */
export function problemsOnPage(page: Pick<JourneyPage, 'fields'>, error: ZodError | undefined, lang: Locale, namespaces?: readonly string[], labelRoot?: string): FieldMessage[] {
  const issues = error ? error.issues.filter((issue) => fieldOfIssue(page, issue.path) !== undefined) : [];
  if (issues.length === 0) return [];
  const messages = fieldErrors(new ZodError(issues), lang, namespaces, labelRoot);
  const seen = new Set<string>();
  return issues.flatMap((issue, index) => {
    const field = fieldOfIssue(page, issue.path) ?? '';
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, message: messages[index]?.message ?? '' }];
  });
}

export type CreateAnswer<Body> = { ok: true; body: Body } | { ok: false; status: number; code: string; fields: FieldMessage[]; message: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a form's "create" request (carrying the draft's Idempotency-Key). A second click while the
 * first is still being saved waits for the first and gets its answer (the API says 409 "in
 * progress" until then, and replays the first answer after).
 */
export async function createOnce<Body>(send: () => Promise<Response>): Promise<CreateAnswer<Body>> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await send();
    if (response.status === 201) return { ok: true, body: (await response.json()) as Body };
    const body = (await response.json()) as { error: { code: string; message: string; fields?: FieldMessage[] } };
    if (response.status === 409 && body.error.code === 'request_in_progress' && attempt < 20) {
      await sleep(250);
      continue;
    }
    return { ok: false, status: response.status, code: body.error.code, fields: body.error.fields ?? [], message: body.error.message };
  }
}
