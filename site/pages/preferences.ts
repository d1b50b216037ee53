/**
 * Elder mode on or off: a plain form post (works without JavaScript) that sets a cookie and sends
 * the reader back to the page they were on (GOV.UK's cookie-banner pattern).
 */
import type { APIRoute } from 'astro';
import { ELDER_COOKIE, PREFERENCE_MAX_AGE_SECONDS, safeReturnPath } from '../../api/domain/preferences.ts';

export const POST: APIRoute = async ({ request, cookies, redirect, url }) => {
  const form = await request.formData().catch(() => undefined);
  const elder = form?.get('elder') === '1';
  const back = safeReturnPath(form?.get('return'));
  if (elder) {
    cookies.set(ELDER_COOKIE, '1', {
      path: '/',
      maxAge: PREFERENCE_MAX_AGE_SECONDS,
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
    });
  } else {
    cookies.delete(ELDER_COOKIE, { path: '/' });
  }
  return redirect(back, 303);
};

export const GET: APIRoute = ({ redirect }) => redirect('/', 303);
