/**
 * The staff pages' calls for a funeral home's day and the exemption settlement (docs/decisions/072),
 * in process through `apiFetch` (outside the typed client's type, at the compiler's limit), each
 * answer typed by its route's schema.
 */
import type { AstroGlobal } from 'astro';
import type { HomeDayView, SettlementView } from '../../api/services/funeral/routes/home-day.routes.ts';
import type { ClaimQueueView, ClaimReviewView } from '../../api/services/funeral/routes/exemption-claim.routes.ts';
import { call } from './editorial-drafts.ts';

type Astro = Pick<AstroGlobal, 'locals'>;
export type { ClaimQueueView, ClaimReviewView, HomeDayView, SettlementView };

export const HOME_DAY_PATH = '/staff/funeral-day';
export const SETTLEMENT_PATH = '/staff/funeral-settlement';
/** The fee exemption claims for their reviewer (docs/decisions/075). */
export const CLAIMS_PATH = '/staff/funeral-claims';

export function readHomeDay(astro: Astro, home: string | undefined, date: string) {
  const query = new URLSearchParams({ date, ...(home ? { home } : {}) });
  return call<HomeDayView>(astro, `${HOME_DAY_PATH}?${query}`);
}

/** One of the home's actions; the form's fields as typed (the API checks them). */
export function actOnBooking(astro: Astro, trackingNumber: string, action: string, fields: { item?: string; number?: string }) {
  const at = `${HOME_DAY_PATH}/bookings/${encodeURIComponent(trackingNumber)}`;
  if (action === 'confirm-transport') return call<{ ok: true }>(astro, `${at}/transport-confirmation`, { method: 'POST' });
  if (action === 'done') return call<{ ok: true }>(astro, `${at}/done`, { method: 'POST', body: { item: fields.item ?? '' } });
  return call<{ ok: true }>(astro, `${at}/cremation-certificate`, { method: 'PUT', body: { number: fields.number ?? '' } });
}

export function readSettlement(astro: Astro, month: string | undefined) {
  return call<SettlementView>(astro, `${SETTLEMENT_PATH}${month ? `?month=${encodeURIComponent(month)}` : ''}`);
}

/** The member's fee exemption claims: waiting (sent), decided, or all. */
export function readClaims(astro: Astro, filter: string) {
  return call<ClaimQueueView>(astro, `${CLAIMS_PATH}?filter=${encodeURIComponent(filter)}`);
}

/** One claim with its proof (the API audits the look). */
export function readClaim(astro: Astro, trackingNumber: string) {
  return call<ClaimReviewView>(astro, `${CLAIMS_PATH}/${encodeURIComponent(trackingNumber)}`);
}

/** The reviewer's decision at the version the page showed: confirm, or refuse with the reason as typed (the API checks it). */
export function decideClaim(astro: Astro, trackingNumber: string, decision: 'confirm' | 'refuse', version: number, reason: string) {
  const at = `${CLAIMS_PATH}/${encodeURIComponent(trackingNumber)}`;
  if (decision === 'confirm') return call<{ status: string; waivedFen: number }>(astro, `${at}/confirmation`, { method: 'POST', body: { version } });
  return call<{ status: string; waivedFen: number }>(astro, `${at}/refusal`, { method: 'POST', body: { version, reason } });
}
