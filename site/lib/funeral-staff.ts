/**
 * The staff pages' calls for a funeral home's day and the exemption settlement (docs/decisions/072),
 * in process through `apiFetch` (outside the typed client's type, at the compiler's limit), each
 * answer typed by its route's schema.
 */
import type { AstroGlobal } from 'astro';
import type { HomeDayView, SettlementView } from '../../api/services/funeral/routes/home-day.routes.ts';
import { call } from './editorial-drafts.ts';

type Astro = Pick<AstroGlobal, 'locals'>;
export type { HomeDayView, SettlementView };

export const HOME_DAY_PATH = '/staff/funeral-day';
export const SETTLEMENT_PATH = '/staff/funeral-settlement';

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
