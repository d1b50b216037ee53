/**
 * "Open a case by its number" (a citizen on the phone reads it out): a GET form on the workbench,
 * no JavaScript needed. A number typed loosely (lower case, spaces, no hyphens) is normalised; the
 * case page then answers, including "no such case" for one outside the member's scope.
 */
import type { APIRoute } from 'astro';
import { checkTrackingNumber, formatTrackingNumber } from '../../../api/domain/cases/tracking-number.ts';
import { localizedHref } from '../../lib/page-context.ts';

export const GET: APIRoute = (context) => {
  const typed = (context.url.searchParams.get('trackingNumber') ?? '').slice(0, 40);
  const checked = checkTrackingNumber(typed);
  const number = checked.ok ? formatTrackingNumber(checked.value) : typed.trim() || '-';
  return context.redirect(localizedHref(`/staff/cases/${encodeURIComponent(number)}`, context.locals.portal.lang), 303);
};
