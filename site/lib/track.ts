/**
 * The status page's view of the API: look up progress, withdraw or cancel, choose a new time. Each
 * call after the first sends back the lookup token of the answer before, so the pages of a case the
 * reader has opened are not counted as new lookups of its number (docs/decisions/023).
 */
import type { AstroGlobal } from 'astro';
import type { CaseProgress } from '../../api/cases/case-service.ts';
import type { StatusDone } from '../../api/services/status-panel.ts';
import { daySlots, officeDetails, type DayChoice, type RegistryOfficeView, type SlotChoice } from './marriage-booking.ts';

export type { DayChoice, SlotChoice };
/** A place a case's facts name, with how to reach it (the booking engine's registry offices are the only places so far). */
export type Place = RegistryOfficeView;
/** Every place a case's facts may name, in the reader's language. */
export const casePlaces = (astro: Astro): Promise<Place[]> => officeDetails(astro);
/** The times of a day at a case's office for its kind of visit. */
export const caseSlots = (astro: Astro, office: string, kind: string, date: string): Promise<SlotChoice[]> => daySlots(astro, office, kind, date);

type Astro = Pick<AstroGlobal, 'locals'>;

export type ProgressView = CaseProgress;

export type TrackAnswer =
  | { ok: true; progress: ProgressView }
  | { ok: false; status: number; message: string; field?: string; fields?: { field: string; message: string }[] };

async function answerOf(response: Response): Promise<TrackAnswer> {
  // A rating is created (201); every other step answers 200.
  if (response.status === 200 || response.status === 201) return { ok: true, progress: (await response.json()) as ProgressView };
  const body = (await response.json().catch(() => ({ error: { message: '' } }))) as { error: { message: string; fields?: { field: string; message: string }[] } };
  const field = body.error.fields?.[0];
  return { ok: false, status: response.status, message: field?.message ?? body.error.message, ...(field ? { field: field.field, fields: body.error.fields } : {}) };
}

/** 好差评 (docs/decisions/053): the rating a status page form gives, as the API takes it. */
export interface RatingAsked {
  level: string;
  reasons: string[];
  comment: string;
}

export async function rate(astro: Astro, key: CaseKey, rating: RatingAsked): Promise<TrackAnswer> {
  const json = { ...keyJson(key), ...(rating.level ? { level: rating.level } : {}), reasons: rating.reasons, ...(rating.comment ? { comment: rating.comment } : {}) };
  return answerOf(await astro.locals.portal.api.track.rating.$post({ json }));
}

export async function answerRatingReply(astro: Astro, key: CaseKey, resolution: string): Promise<TrackAnswer> {
  return answerOf(await astro.locals.portal.api.track.rating.resolution.$post({ json: { ...keyJson(key), ...(resolution ? { resolution } : {}) } }));
}

/** The case's tracking number, the second factor, and the lookup token of an earlier answer (empty on a first lookup). */
export interface CaseKey {
  trackingNumber: string;
  secondFactor: string;
  lookupToken: string;
}

const keyJson = ({ trackingNumber, secondFactor, lookupToken }: CaseKey) => ({ trackingNumber, secondFactor, ...(lookupToken ? { lookupToken } : {}) });

export async function lookUp(astro: Astro, key: CaseKey): Promise<TrackAnswer> {
  return answerOf(await astro.locals.portal.api.track.$post({ json: keyJson(key) }));
}

export async function withdraw(astro: Astro, key: CaseKey): Promise<TrackAnswer> {
  return answerOf(await astro.locals.portal.api.track.withdraw.$post({ json: keyJson(key) }));
}


/** Moving the booked visit, or booking a divorce's second visit: both choose a day, then a time. */
export const TIME_CHOICES = ['reschedule', 'book-second-visit'] as const;
export type TimeChoice = (typeof TIME_CHOICES)[number];

/** The time a form chooses for (a tampered value: moving the booked visit, as the API's own operations would refuse any other). */
export const timeChoiceOf = (value: unknown): TimeChoice => TIME_CHOICES.find((choice) => choice === value) ?? 'reschedule';

export interface CaseDays {
  office: string;
  kind: string;
  days: { date: string; state: string; placesLeft?: number; releasesAt?: string }[];
}

/** The days this case's visit may be moved to or booked for (a divorce's second visit: only its window). */
export async function caseDays(astro: Astro, key: CaseKey, choice: TimeChoice): Promise<CaseDays | undefined> {
  const response = await astro.locals.portal.api.track.calendar.$post({ json: { ...keyJson(key), choice } });
  if (response.status !== 200) return undefined;
  const days: unknown = await response.json();
  return days as CaseDays;
}

export async function chooseTime(astro: Astro, choice: TimeChoice, key: CaseKey, date: string, start: string): Promise<TrackAnswer> {
  const json = { ...keyJson(key), date, start };
  return answerOf(await (choice === 'reschedule' ? astro.locals.portal.api.track.reschedule.$post({ json }) : astro.locals.portal.api.track['second-visit'].$post({ json })));
}

export async function cancelSecondVisit(astro: Astro, key: CaseKey): Promise<TrackAnswer> {
  return answerOf(await astro.locals.portal.api.track['second-visit'].cancel.$post({ json: keyJson(key) }));
}

/**
 * The applicant's answer to 补正 (docs/decisions/039): the files chosen and the note, sent on as the
 * API's multipart form with the case's key.
 */
export async function provideDocuments(astro: Astro, key: CaseKey, answer: DocumentsAnswer): Promise<TrackAnswer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(keyJson(key))) form.set(name, value);
  form.set('note', answer.note);
  for (const file of answer.files) form.append('files', file, file.name);
  return await answerOf(await astro.locals.portal.api.track.documents.$post({}, { init: { body: form } }));
}

/**
 * The proof for a funeral booking's fee exemption claim (docs/decisions/075): the ground, the files
 * and the note, sent on as the API's multipart form with the case's key (outside the typed client's
 * chain, as the funeral operations are).
 */
export async function sendExemptionProof(astro: Astro, key: CaseKey, answer: DocumentsAnswer & { ground: string }): Promise<TrackAnswer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(keyJson(key))) form.set(name, value);
  form.set('ground', answer.ground);
  form.set('note', answer.note);
  for (const file of answer.files) form.append('files', file, file.name);
  return await answerOf(await astro.locals.portal.apiFetch('/funeral/exemption-claims', { method: 'POST', body: form }));
}

/** What a status page form asks for: its button's `action`, for choosing a time the choice, day and time, and for answering 补正 the files and note. */
export interface StepAsked {
  action: string;
  choice: TimeChoice;
  date: string;
  start: string;
  answer?: DocumentsAnswer;
  /** A fee exemption claim's ground, sent with its proof (the files and note of `answer`). */
  ground?: string;
  /** A rating of the finished case, or the answer to the office's reply to a bad one. */
  rating?: RatingAsked;
  resolution?: string;
}

export interface DocumentsAnswer {
  note: string;
  /** The files chosen (a file input sent with none chosen carries none). */
  files: File[];
}

/** The API's answer to a form of the status page: the step its button names, else (and for every step that only shows) a lookup. */
export async function takeStep(astro: Astro, key: CaseKey, { action, choice, date, start, answer, ground, rating, resolution }: StepAsked): Promise<TrackAnswer> {
  if (action === 'withdraw') return withdraw(astro, key);
  if (action === 'rate') return rate(astro, key, rating ?? { level: '', reasons: [], comment: '' });
  if (action === 'resolve-rating') return answerRatingReply(astro, key, resolution ?? '');
  if (action === 'provide-documents') return provideDocuments(astro, key, answer ?? { note: '', files: [] });
  if (action === 'send-exemption-proof') return sendExemptionProof(astro, key, { ...(answer ?? { note: '', files: [] }), ground: ground ?? '' });
  if (action === 'cancel-second-visit') return cancelSecondVisit(astro, key);
  if (action === 'choose' && date && start) return chooseTime(astro, choice, key, date, start);
  return lookUp(astro, key);
}

/** What a step that succeeded did, for the panel to say. */
export function doneBy({ action, choice, date, start }: StepAsked): StatusDone | undefined {
  if (action === 'withdraw' || action === 'cancel-second-visit' || action === 'provide-documents' || action === 'send-exemption-proof') return action;
  if (action === 'choose' && date && start) return choice;
  return undefined;
}
