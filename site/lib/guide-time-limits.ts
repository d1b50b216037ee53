/**
 * A guide's 承诺时限 where this portal runs its service (docs/decisions/060): the time limits of the
 * service's workflow, for the built-in services and one given to the portal at start alike, as
 * guide-apply.ts takes "apply online" from the registry rather than from the guide's own claim.
 * This bundle's copy of the messages learns a package's words here, as case-words.ts does.
 */
import type { Guide } from '../../api/domain/guides/guide.schema.ts';
import { addMessages } from '../../api/i18n/index.ts';
import { serviceTimeLimitsAt, type ServiceTimeLimits } from '../../api/services/guide-time-limits.ts';
import { serviceRegistry } from '../../api/services/registry.ts';
import type { ServicePackage } from '../../api/services/service-package.ts';

export function guideTimeLimits(apply: Guide['apply'], given: readonly ServicePackage[] = []): ServiceTimeLimits | undefined {
  for (const package_ of given) addMessages(package_.id, package_.messages);
  return serviceTimeLimitsAt(serviceRegistry(Object.fromEntries(given.map((package_) => [package_.id, package_.caseService]))), apply.path);
}
