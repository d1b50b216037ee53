/** What the generic question pages (site/pages/apply/[service]/) need of 特困 (extreme poverty support): the relief application's journey in its variant (../application/). */
import { reliefPages } from '../application/registration.ts';

export const extremePovertySupportPages = reliefPages('tekun');
