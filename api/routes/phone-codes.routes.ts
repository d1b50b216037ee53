/**
 * One-time codes by text message, for any service that must know a phone is its holder's
 * (docs/decisions/019): send a code to a phone, then confirm it for a proof that the service's
 * request carries (a marriage booking carries one per party). A wrong, expired or used code is a
 * 422 on the `code` field; a limit reached is a 429 with Retry-After.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ApiErrorSchema, requestLocale } from '../http/api-error.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { MobilePhone } from '../domain/identity/person-fields.ts';
import { PhoneCodeSchema, PHONE_CODE_RULES } from '../domain/verification/phone-code.ts';
import { refuse } from '../http/refusals.ts';
import { confirmPhoneCode, sendPhoneCode, type PhoneCodeDeps } from '../verification/phone-codes.ts';
import type { Context } from 'hono';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const SendRequest = z.object({ phone: MobilePhone.meta({ description: 'A mainland mobile number: 11 digits starting with 1 (spaces, hyphens and full-width digits are forgiven)', example: '13912345678' }) }).meta({ id: 'PhoneCodeRequest' });
const Sent = z
  .object({
    sentTo: z.string().meta({ description: 'The number the code went to, masked (139****5678)' }),
    expiresAt: z.string().meta({ description: 'When the code stops being valid (ISO 8601): 10 minutes after it was sent' }),
  })
  .openapi('PhoneCodeSent');
const ConfirmRequest = z
  .object({
    phone: MobilePhone,
    code: PhoneCodeSchema.meta({ description: 'The 6 digits of the text message (full-width digits and spaces are forgiven)', example: '123456' }),
  })
  .meta({ id: 'PhoneCodeConfirmation' });
const Confirmed = z
  .object({
    proof: z.string().meta({ description: 'Shows the phone was confirmed: send it with the request that needs it (a marriage booking’s phoneProofs). Valid for 24 hours, for this phone only' }),
    expiresAt: z.string().meta({ description: 'When the proof stops holding (ISO 8601)' }),
  })
  .openapi('PhoneProof');

const retryAfter = z.object({ 'Retry-After': z.string().meta({ description: 'Seconds until a code may be sent again' }) });

const send = createRoute({
  method: 'post',
  path: '/phone-codes',
  operationId: 'sendPhoneCode',
  tags: ['Phone confirmation'],
  summary: 'Send a one-time code to a mobile number by text message',
  description: `The code has ${PHONE_CODE_RULES.digits} digits, lasts ${PHONE_CODE_RULES.validForMs / 60_000} minutes and replaces any code sent to the number before. At most ${PHONE_CODE_RULES.perPhone} codes per number per hour, and a limit per client address (PHONE_CODE_LIMIT_PER_CLIENT per hour).`,
  request: { body: { content: { 'application/json': { schema: SendRequest } }, required: true } },
  responses: {
    202: json(Sent, 'The code is on its way'),
    429: { ...json(ApiErrorSchema, 'Too many codes for this number, or asked from this client address (`too_many_phone_codes`): nothing was sent; the message says when to try again'), headers: retryAfter },
  },
});

const confirm = createRoute({
  method: 'post',
  path: '/phone-codes/confirm',
  operationId: 'confirmPhoneCode',
  tags: ['Phone confirmation'],
  summary: 'Confirm the code sent to a mobile number, for a proof that the number is the sender’s',
  description: `Each try is counted before the code is compared; a code takes ${PHONE_CODE_RULES.maxTries} tries and confirms once. Only the newest code sent to the number is tried.`,
  request: { body: { content: { 'application/json': { schema: ConfirmRequest } }, required: true } },
  responses: {
    200: json(Confirmed, 'Confirmed: the proof'),
    422: json(ApiErrorSchema, 'The code is wrong (with the tries left), expired, used, tried too often, or none was sent: a field error on `code` (`code_wrong`, `code_expired`, `code_used`, `code_tries_used_up`, `code_none`)'),
  },
});

function deps(c: Context<ApiEnv>): PhoneCodeDeps {
  const { database, crypto, now } = c.get('deps');
  return { db: database.db, crypto, now };
}

export const phoneCodeRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(send, async (c) => {
    const lang = requestLocale(c);
    const { phone } = c.req.valid('json');
    c.header('Cache-Control', 'no-store');
    const result = await sendPhoneCode(deps(c), phone, lang, { address: clientAddress(c), limitPerClient: c.get('deps').phoneCodeLimitPerClient });
    if (!result.ok) return refuse(c, 'phoneCodeSend', result);
    return c.json({ sentTo: result.sentTo, expiresAt: result.expiresAt }, 202);
  })
  .openapi(confirm, async (c) => {
    const { phone, code } = c.req.valid('json');
    c.header('Cache-Control', 'no-store');
    const result = await confirmPhoneCode(deps(c), phone, code);
    if (result.ok) return c.json({ proof: result.proof, expiresAt: result.expiresAt }, 200);
    return refuse(c, 'phoneCodeConfirm', result);
  });
