/**
 * How the staff pages and the status page name a case's service, its states, its events, its
 * steps and what comes next, for the built-in services and for one given to the portal at start alike.
 */
import { addMessages, dynamicKey, keyFrom, serviceNamespaces } from '../../api/i18n/index.ts';
import { CASE_SERVICES, type RegisteredCaseService } from '../../api/services/registry.ts';
import type { ServicePackage } from '../../api/services/service-package.ts';
import type { ValueFormat } from '../../api/services/recorded-values.ts';
import type { PageContext } from './page-context.ts';

/** A case's words in the reader's language. */
export interface CaseWords {
  service(service: string): string;
  state(service: string, state: string): string;
  event(service: string, transition: string): string;
  action(service: string, transition: string): string;
  /** A hand-off's name (`handoff.<name>` under the service's words, docs/decisions/044). */
  handoff(service: string, name: string): string;
  /** A recorded value named by the service's words (`value.<field>.<value>`: a check's result), else the value as recorded. */
  value(service: string, field: string, value: string): string;
  /** How the service writes a field its steps record (an amount in fen, a month: its `recordedValues`), if other than as recorded. */
  format(service: string, field: string): ValueFormat | undefined;
  /** What the applicant is told comes next in a state; '' where the service's words say nothing. */
  next(service: string, state: string): string;
  /** A field's label (`fields.<path>`), the service's own else common's; the path itself where neither names it. */
  field(service: string, path: string): string;
  /** A document the portal held itself in place of a file (`onRecord.<purpose>` under the service's words, docs/decisions/074), with where it was found. */
  onRecord(service: string, purpose: string, found: { trackingNumber: string; place: string }): string;
}

/**
 * Every case service says where its words are (`words`, e.g. `marriage:divorceCase`, a package's
 * `<id>:case`: docs/decisions/038): `name`, `state.<state>`, `event.<transition>`,
 * `action.<transition>` and `next.<state>` under it, in its own namespace, so that its `accepted`
 * never collides with another service's and no service's word stands in for another's. This
 * bundle's copy of the messages learns a package's words here, as journeyService does.
 */
export function caseWords({ t }: Pick<PageContext, 't'>, given: readonly ServicePackage[] = []): CaseWords {
  for (const package_ of given) addMessages(package_.id, package_.messages);
  const services: readonly (readonly [string, RegisteredCaseService])[] = [...Object.entries(CASE_SERVICES), ...given.map((package_) => [package_.id, package_.caseService] as const)];
  const serviceOf = (service: string) => services.find(([id]) => id === service)?.[1];
  const say = (service: string, path: string, otherwise: string) => {
    const words = serviceOf(service)?.words;
    return words ? t(dynamicKey`${words}.${path}`, { defaultValue: otherwise }) : otherwise;
  };
  return {
    service: (service) => say(service, 'name', service),
    state: (service, state) => say(service, `state.${state}`, state),
    event: (service, transition) => say(service, `event.${transition}`, transition),
    action: (service, transition) => say(service, `action.${transition}`, transition),
    handoff: (service, name) => say(service, `handoff.${name}`, name),
    value: (service, field, value) => say(service, `value.${field}.${value}`, value),
    format: (service, field) => serviceOf(service)?.recordedValues?.[field],
    next: (service, state) => say(service, `next.${state}`, ''),
    field: (service, path) => {
      const words = serviceOf(service)?.words;
      return t(dynamicKey`fields.${path}`, { ...(words ? { ns: serviceNamespaces(words) } : {}), defaultValue: path });
    },
    onRecord: (service, purpose, found) => {
      const words = serviceOf(service)?.words;
      const place = t(keyFrom(found.place));
      return words ? t(dynamicKey`${words}.onRecord.${purpose}`, { trackingNumber: found.trackingNumber, place, defaultValue: `${found.trackingNumber} ${place}` }) : `${found.trackingNumber} ${place}`;
    },
  };
}
