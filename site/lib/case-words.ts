/**
 * How the staff pages and the status page name a case's service, its states, its events and its
 * steps, for the built-in services and for one given to the portal at start alike.
 */
import { dynamicKey, addMessages } from '../../api/i18n/index.ts';
import type { ServicePackage } from '../../api/services/service-package.ts';
import type { PageContext } from './page-context.ts';

/** A case's words in the reader's language. */
export interface CaseWords {
  service(service: string): string;
  /** `service` undefined: a state across every service the member handles (the queue's filter). */
  state(service: string | undefined, state: string): string;
  event(service: string, transition: string): string;
  action(service: string, transition: string): string;
}

/**
 * A service given to the portal at start (docs/decisions/029) names its own states, events and
 * steps under its messages key (`<messages>.case.*`, api/services/service-package.ts), so that its
 * `accepted` never collides with another service's; the built-in ones keep the shared keys
 * (serviceName.<id>, caseState.<state>, caseEvent.<transition>, workbench.action.<transition>).
 * This bundle's copy of the messages learns a package's words here, as journeyService does.
 */
export function caseWords({ t }: Pick<PageContext, 't'>, given: readonly ServicePackage[] = []): CaseWords {
  for (const package_ of given) addMessages(package_.messages);
  const own = (service: string | undefined) => given.find((candidate) => candidate.id === service)?.pages.messages;
  return {
    service: (service) => {
      const key = own(service);
      return key ? t(dynamicKey`${key}.case.name`, { defaultValue: service }) : t(dynamicKey`serviceName.${service}`, { defaultValue: service });
    },
    state: (service, state) => {
      const key = own(service);
      if (key) return t(dynamicKey`${key}.case.state.${state}`, { defaultValue: state });
      if (service !== undefined) return t(dynamicKey`caseState.${state}`, { defaultValue: state });
      // Across services: the shared name, else the first package's that has one.
      const shared = t(dynamicKey`caseState.${state}`, { defaultValue: '' });
      if (shared) return shared;
      for (const package_ of given) {
        const named = t(dynamicKey`${package_.pages.messages}.case.state.${state}`, { defaultValue: '' });
        if (named) return named;
      }
      return state;
    },
    event: (service, transition) => {
      const key = own(service);
      return t(key ? dynamicKey`${key}.case.event.${transition}` : dynamicKey`caseEvent.${transition}`, { defaultValue: transition });
    },
    action: (service, transition) => {
      const key = own(service);
      return t(key ? dynamicKey`${key}.case.action.${transition}` : dynamicKey`workbench.action.${transition}`, { defaultValue: transition });
    },
  };
}
