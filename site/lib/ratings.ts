/**
 * 好差评 as the pages show it (docs/decisions/053, 055): the staff's follow-ups and counts, and the
 * public's counts per service, through the typed in-process client; and which service's counts a
 * guide page names.
 */
import type { AstroGlobal } from 'astro';
import type { FollowUpDetail, FollowUpItem, RatingSummaryRow } from '../../api/ratings/ratings.ts';
import type { RatingAggregate } from '../../api/domain/ratings/ratings.ts';
import { CASE_SERVICES, type RegisteredCaseService } from '../../api/services/registry.ts';
import type { ServicePackage } from '../../api/services/service-package.ts';
import type { FieldMessage } from './forms.ts';

type Astro = Pick<AstroGlobal, 'locals'>;

export type { FollowUpDetail, FollowUpItem, RatingSummaryRow };
export type ServiceRatings = { service: string } & RatingAggregate;

/** A refusal as the pages show it: the status, the message, and each field's own. */
export interface Refusal {
  ok: false;
  status: number;
  code: string;
  message: string;
  fields: FieldMessage[];
}

async function refusal(response: Response): Promise<Refusal> {
  const body = (await response.json().catch(() => ({ error: { code: '', message: '' } }))) as { error: { code: string; message: string; fields?: FieldMessage[] } };
  return { ok: false, status: response.status, code: body.error.code, message: body.error.message, fields: (body.error.fields ?? []).map(({ field, message }) => ({ field, message })) };
}

/** The member's follow-ups (403 for a role that handles no cases). */
export async function followUpList(astro: Astro): Promise<{ ok: true; today: string; items: FollowUpItem[] } | Refusal> {
  const response = await astro.locals.portal.api.staff['follow-ups'].$get();
  if (response.status === 200) return { ok: true, ...((await response.json()) as { today: string; items: FollowUpItem[] }) };
  return refusal(response as Response);
}

/** One follow-up, its comment read (the API audits the look). */
export async function followUp(astro: Astro, id: string): Promise<{ ok: true; followUp: FollowUpDetail } | Refusal> {
  const response = await astro.locals.portal.api.staff['follow-ups'][':id'].$get({ param: { id } });
  if (response.status === 200) return { ok: true, followUp: (await response.json()) as unknown as FollowUpDetail };
  return refusal(response as Response);
}

export async function replyToFollowUp(astro: Astro, id: string, reply: string): Promise<{ ok: true; followUp: FollowUpDetail } | Refusal> {
  const response = await astro.locals.portal.api.staff['follow-ups'][':id'].reply.$post({ param: { id }, json: { reply } });
  if (response.status === 200) return { ok: true, followUp: (await response.json()) as unknown as FollowUpDetail };
  return refusal(response as Response);
}

export async function ratingSummary(astro: Astro): Promise<{ ok: true; today: string; rows: RatingSummaryRow[] } | Refusal> {
  const response = await astro.locals.portal.api.staff.ratings.$get();
  if (response.status === 200) return { ok: true, ...((await response.json()) as { today: string; rows: RatingSummaryRow[] }) };
  return refusal(response as Response);
}

export async function publicRatings(astro: Astro): Promise<ServiceRatings[]> {
  const response = await astro.locals.portal.api.ratings.$get();
  return ((await response.json()) as { services: ServiceRatings[] }).services;
}

/** The list's filter: waiting for an answer (open or overdue), answered, or all; waiting ones by default, as a queue. */
export const FOLLOW_UP_FILTERS = ['open', 'replied', 'all'] as const;
export type FollowUpFilter = (typeof FOLLOW_UP_FILTERS)[number];
export const followUpFilter = (value: string | null): FollowUpFilter => (FOLLOW_UP_FILTERS as readonly string[]).includes(value ?? '') ? (value as FollowUpFilter) : 'open';
export const isWaiting = (item: Pick<FollowUpItem, 'repliedAt'>): boolean => item.repliedAt === null;
export function filterFollowUps<Item extends Pick<FollowUpItem, 'repliedAt'>>(items: readonly Item[], filter: FollowUpFilter): Item[] {
  return items.filter((item) => filter === 'all' || (filter === 'open') === isWaiting(item));
}

/**
 * The case service a guide is about: the one of the guide's own name, else the one its "apply" or
 * "book" path starts. A guide the portal runs no service for has none (and shows no ratings).
 */
export function serviceOfGuide(guide: { slug: string; apply: { path?: string | undefined } }, given: readonly ServicePackage[] = []): string | undefined {
  const services: readonly (readonly [string, RegisteredCaseService])[] = [...Object.entries(CASE_SERVICES), ...given.map((package_) => [package_.id, package_.caseService] as const)];
  if (services.some(([id]) => id === guide.slug)) return guide.slug;
  const path = guide.apply.path;
  if (!path) return undefined;
  return services.find(([, service]) => service.applyPath === path || service.bookingPath === path)?.[0];
}

/** A rate (0–1) as a whole percentage, for the pages and their charts. */
export const percent = (rate: number): number => Math.round(rate * 1000) / 10;

/**
 * How long the public pages that show ratings (the counts per service, a guide's line) may be kept
 * by the server's page cache: counts move with every rating, not with a publish (docs/decisions/055).
 */
export const RATINGS_CACHE_SECONDS = 60;
