/** Signing out: a form post (no JavaScript needed); the cookie is cleared and the sign-in page shown. */
import type { APIRoute } from 'astro';
import { localizedHref } from '../../lib/page-context.ts';
import { postSignOut } from '../../lib/staff.ts';

export const POST: APIRoute = async (context) => {
  const form = await context.request.formData().catch(() => new FormData());
  const cleared = await postSignOut(context, form.get('everywhere') === '1');
  const headers = new Headers({ location: localizedHref('/staff/sign-in', context.locals.portal.lang) });
  if (cleared) headers.set('set-cookie', cleared);
  return new Response(null, { status: 303, headers });
};
