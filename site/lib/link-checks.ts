/**
 * The staff pages' calls to the external link report (docs/decisions/058), in process through
 * `apiFetch` (outside the typed client, whose type is at the compiler's limit), typed by the
 * route's schemas; and how a field's path is named to an editor.
 */
import type { AstroGlobal } from 'astro';
import type { LinkCheckRunView, LinkReportView } from '../../api/routes/link-checks.routes.ts';
import { dynamicKey, type Translate } from '../../api/i18n/index.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export type { LinkCheckRunView, LinkReportView };

type Answer<T> = { ok: true; body: T } | { ok: false; status: number; code: string; message: string };

async function call<T>(astro: Astro, path: string, method = 'GET'): Promise<Answer<T>> {
  const response = await astro.locals.portal.apiFetch(path, { method });
  if (response.ok) return { ok: true, body: (await response.json()) as T };
  const body = (await response.json().catch(() => ({ error: { code: 'unknown', message: '' } }))) as { error: { code: string; message: string } };
  return { ok: false, status: response.status, code: body.error.code, message: body.error.message };
}

export const linkReport = (astro: Astro) => call<LinkReportView>(astro, '/staff/guides/links');
export const runLinkCheck = (astro: Astro) => call<LinkCheckRunView>(astro, '/staff/guides/links/run', 'POST');

const FIELDS = ['body', 'title', 'summary', 'summaryPlain', 'eligibility', 'materials', 'steps', 'timeLimits', 'fees', 'legalBasis', 'locations', 'consultPhone', 'complaintPhone', 'urgentPhones', 'apply', 'aliases', 'phrases', 'matterType'] as const;

/** `legalBasis.0.note` → 设定依据 第 1 项: the field in the editor's words and the row's number, the rest of the path left to the code shown beside it. */
export function fieldLabel(t: Translate, path: string): string {
  const [name = '', index] = path.split('.');
  const field = FIELDS.find((known) => known === name);
  const label = field ? t(dynamicKey`linkChecks.field.${field}`) : t('linkChecks.field.other');
  return index !== undefined && /^\d+$/.test(index) ? `${label} ${t('linkChecks.item', { n: Number(index) + 1 })}` : label;
}
