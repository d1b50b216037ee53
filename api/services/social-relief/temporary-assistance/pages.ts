/** What the generic question pages (site/pages/apply/[service]/) need of 临时救助 (temporary assistance): the relief application's journey in its variant (../application/). */
import { reliefPages } from '../application/registration.ts';

export const temporaryAssistancePages = reliefPages('temporary');
