/** What the generic question pages (site/pages/apply/[service]/) need of 低保 (the minimum living allowance): the relief application's journey in its variant (../application/). */
import { reliefPages } from '../application/registration.ts';

export const minimumLivingAllowancePages = reliefPages('dibao');
