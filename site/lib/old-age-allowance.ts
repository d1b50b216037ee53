/**
 * The 高龄津贴 pages' logic: read a page's answers from a form post, check them against the one
 * application schema (only the issues of that page's fields count), and submit the whole
 * application through the API with the draft's idempotency key.
 */
import type { AstroGlobal } from 'astro';
import { ZodError } from 'zod';
import type { SubmitResult } from '../../api/cases/case-service.ts';
import { oldAgeAllowanceApplicationSchema, type OldAgeAllowanceApplication } from '../../api/services/old-age-allowance/application.schema.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from '../../api/services/old-age-allowance/districts.ts';
import {
  HasAgentSchema,
  applicationFrom,
  journeyPages,
  pagesFor,
  type FlatAnswers,
  type JourneyPage,
  type JourneyStep,
} from '../../api/services/old-age-allowance/journey.ts';

export const SERVICE = 'old-age-allowance';
export const PAGES = journeyPages(OLD_AGE_ALLOWANCE_DISTRICTS);
export const BASE_PATH = '/apply/old-age-allowance';

import { createOnce, problemsOnPage, type CreateAnswer, type FieldMessage } from './forms.ts';

export type { FieldMessage };

type Astro = Pick<AstroGlobal, 'locals'>;

export function pageOf(step: string): JourneyPage | undefined {
  return PAGES.find((page) => page.step === step);
}

/** The page's answers as posted: every field present (an unticked box or unchosen option is ''). */
export function postedAnswers(page: JourneyPage, form: FormData): Record<string, string> {
  return Object.fromEntries(
    page.fields.map((field) => {
      const value = form.get(field.path);
      if (field.control === 'checkbox') return [field.path, value === 'yes' ? 'yes' : ''];
      return [field.path, typeof value === 'string' ? value.slice(0, 400) : ''];
    }),
  );
}

function schemaFor(astro: Astro) {
  return oldAgeAllowanceApplicationSchema({ today: astro.locals.portal.today, districts: OLD_AGE_ALLOWANCE_DISTRICTS });
}

/** The translated problems with one page's answers, each on the field it belongs to. */
export function pageProblems(astro: Astro, page: JourneyPage, answers: FlatAnswers): FieldMessage[] {
  const { lang } = astro.locals.portal;
  if (page.step === 'agent') {
    const parsed = HasAgentSchema.safeParse(answers['hasAgent']);
    return problemsOnPage(page, parsed.error && new ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: ['hasAgent'] }))), lang);
  }
  const parsed = schemaFor(astro).safeParse(applicationFrom(answers));
  return problemsOnPage(page, parsed.error, lang);
}

/** The whole application when every page is answered, or the first page that still needs an answer. */
export function completeApplication(astro: Astro, answers: FlatAnswers): { ok: true; application: OldAgeAllowanceApplication } | { ok: false; step: JourneyStep } {
  for (const page of pagesFor(PAGES, answers)) {
    if (pageProblems(astro, page, answers).length > 0) return { ok: false, step: page.step };
  }
  const parsed = schemaFor(astro).safeParse(applicationFrom(answers));
  if (!parsed.success) return { ok: false, step: 'eligibility' };
  return { ok: true, application: parsed.data };
}

/** The page an answer row of the check page changes. */
export function stepOfAnswer(label: string): JourneyStep {
  const path = label.replace(/^fields\./, '');
  return PAGES.find((page) => page.fields.some((field) => field.path === path))?.step ?? 'agent';
}

export type SubmitAnswer = CreateAnswer<{ trackingNumber: string; acceptanceDue: string | null }>;

/** Sends the application with the draft's idempotency key (a double click gets the same case). */
export async function submit(astro: Astro, answers: FlatAnswers, key: string): Promise<SubmitAnswer> {
  const answer = await createOnce<Omit<Extract<SubmitResult, { ok: true }>, 'ok'>>(() =>
    astro.locals.portal.api.services['old-age-allowance'].applications.$post(
      { header: { 'idempotency-key': key } },
      { init: { body: JSON.stringify(applicationFrom(answers)), headers: { 'content-type': 'application/json', 'idempotency-key': key } } },
    ),
  );
  if (!answer.ok) return answer;
  return { ok: true, body: { trackingNumber: answer.body.trackingNumber, acceptanceDue: answer.body.deadlines.find((d) => d.key === 'acceptance')?.dueOn ?? null } };
}
