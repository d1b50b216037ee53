/**
 * The one shape of every API error, and the one place that turns failures into it. Messages are
 * translated into the reader's language (the `lang` query parameter, else Accept-Language).
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { dynamicKey, isLocale, keyFrom, localeFromAcceptLanguage, messageNamespaces, translator, type Locale, type MessageKey } from '../i18n/index.ts';

export const FieldErrorSchema = z
  .object({
    field: z.string().openapi({ example: 'q' }),
    code: z.string().openapi({ example: 'too_big' }),
    message: z.string().openapi({ example: '搜索内容不能超过 100 个字' }),
  })
  .openapi('FieldError');

export const ApiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.array(FieldErrorSchema).optional(),
    }),
    requestId: z.string().optional(),
  })
  .openapi('ApiError');
export type ApiError = z.infer<typeof ApiErrorSchema>;
export type FieldError = z.infer<typeof FieldErrorSchema>;

export function requestLocale(c: Context): Locale {
  const lang = c.req.query('lang');
  return isLocale(lang) ? lang : localeFromAcceptLanguage(c.req.header('accept-language'));
}

/**
 * The name of the field at `path`: its own label, or a whole group's (e.g. `elder`), or else the
 * nearest enclosing field's (a session inside `weekly.1` is named as Monday's opening hours).
 * Looked up in `namespaces` in order (docs/decisions/038): a service's, then common's.
 */
function fieldLabel(t: ReturnType<typeof translator>, path: readonly string[], namespaces: readonly string[]): string | undefined {
  const ns = [...namespaces];
  // A list's items are labelled as the list's fields (household.1.name by fields.household.name): the indexes are tried without, once the path with them has no label.
  const withoutIndexes = path.filter((part) => !/^\d+$/.test(part));
  for (const candidate of withoutIndexes.length === path.length ? [path] : [path, withoutIndexes]) {
    for (let length = candidate.length; length > 0; length -= 1) {
      const key = dynamicKey`fields.${candidate.slice(0, length).join('.')}`;
      // A key naming a whole group (an object in the resources) translates to the empty default; its `.group` names it.
      const label = t(key, { ns, defaultValue: '' }) || t(dynamicKey`${key}.group`, { ns, defaultValue: '' });
      if (label) return label;
    }
  }
  return undefined;
}

/** A schema's own message: a translation key of common's errors or of a namespace's (`marriage:errors.marriage.dateRequired`). */
const MESSAGE_KEY = /^(?:[\w-]+:)?errors\./;

/**
 * Zod issues → field errors with a translated message that names the field. `namespaces`: where
 * the fields' labels are, in order; by default every namespace, common's first, then each service's
 * in a fixed order (tests/unit/i18n.test.ts: no field path is named differently by two of them).
 */
export function fieldErrors(error: ZodError, lang: Locale, namespaces: readonly string[] = messageNamespaces()): FieldError[] {
  const t = translator(lang);
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || 'body';
    const fieldName = fieldLabel(t, issue.path.map(String), namespaces) ?? field;
    let message: string;
    // A schema may carry its own message as a translation key (the form and the API share it).
    if (MESSAGE_KEY.test(issue.message)) message = t(keyFrom(issue.message), { field: fieldName, ...(issue.code === 'custom' ? issue.params : {}) });
    else if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1) message = t('errors.field.required', { field: fieldName });
    else if (issue.code === 'too_small' && issue.origin === 'string') message = t('errors.field.tooShort', { field: fieldName, min: issue.minimum });
    else if (issue.code === 'too_big' && issue.origin === 'string') message = t('errors.field.tooLong', { field: fieldName, max: issue.maximum });
    else if (issue.code === 'too_small' && issue.origin === 'number') message = t('errors.field.numberTooSmall', { field: fieldName, min: issue.minimum });
    else if (issue.code === 'too_big' && issue.origin === 'number') message = t('errors.field.numberTooBig', { field: fieldName, max: issue.maximum });
    else if (issue.code === 'invalid_value') message = t('errors.field.notAllowed', { field: fieldName });
    else if (issue.code === 'invalid_type' && issue.input === undefined) message = t('errors.field.required', { field: fieldName });
    else message = t('errors.field.invalid', { field: fieldName });
    // A message may begin with the field's name ("language must be…"): sentences start with a capital.
    return { field, code: issue.code, message: message.charAt(0).toUpperCase() + message.slice(1) };
  });
}

export function errorBody(c: Context, code: string, message: string, fields?: FieldError[]): ApiError {
  const requestId = c.get('requestId') as string | undefined;
  return { error: { code, message, ...(fields ? { fields } : {}) }, ...(requestId ? { requestId } : {}) };
}

export function validationFailed(c: Context, error: ZodError) {
  const lang = requestLocale(c);
  return c.json(errorBody(c, 'validation_failed', translator(lang)('errors.badRequest'), fieldErrors(error, lang)), 422);
}

type ErrorMessageKey = 'errors.badRequest' | 'errors.notSignedIn' | 'errors.forbidden' | 'errors.notFound' | 'errors.tooLarge' | 'errors.unsupportedMediaType' | 'errors.rateLimited';
const MESSAGE_BY_STATUS: Partial<Record<number, ErrorMessageKey>> = {
  400: 'errors.badRequest',
  401: 'errors.notSignedIn',
  403: 'errors.forbidden',
  404: 'errors.notFound',
  413: 'errors.tooLarge',
  415: 'errors.unsupportedMediaType',
  429: 'errors.rateLimited',
};

/** A request body that is not JSON, whichever route reads it: one code for clients to handle. */
export const MALFORMED_JSON = 'malformed_json';

export function statusError<S extends ContentfulStatusCode>(c: Context, status: S, code: string) {
  const t = translator(requestLocale(c));
  const key: MessageKey = MESSAGE_BY_STATUS[status] ?? 'errors.serverError';
  return c.json(errorBody(c, code, t(key, {})), status);
}
