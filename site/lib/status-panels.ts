/**
 * The status panel of a case's service (docs/decisions/036): the one its registration gives (a
 * built-in service's, or a package's caseService.statusPanel), else one built from its workflow.
 * The status page renders what it returns and names no service.
 */
import type { ServicePackage } from '../../api/services/service-package.ts';
import { CASE_SERVICES, type RegisteredCaseService } from '../../api/services/registry.ts';
import { defaultStatusPanel, type StatusPanel } from '../../api/services/status-panel.ts';

export function statusPanelOf(service: string, given: readonly ServicePackage[] = []): StatusPanel {
  const builtIn: RegisteredCaseService | undefined = Object.hasOwn(CASE_SERVICES, service) ? CASE_SERVICES[service as keyof typeof CASE_SERVICES] : undefined;
  const package_ = given.find((candidate) => candidate.id === service);
  const registered = builtIn ?? package_?.caseService;
  return registered?.statusPanel ?? defaultStatusPanel(registered?.workflow);
}
