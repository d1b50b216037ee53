/**
 * A service given to the portal at start (docs/decisions/029) on the staff side: who handles it
 * comes from the registry the portal was given (its workflow's steps, its service area), and the
 * staff pages can name every state, event and workbench step of its workflow in both languages
 * (under `caseService.words`, `<id>:case`, in its own namespace: api/services/service-package.ts).
 */
import { describe, expect, it } from 'vitest';
import { servicesHandledBy, staffCapabilities } from '../../api/cases/queue.ts';
import { caseRolesOf } from '../../api/domain/staff/access.ts';
import type { StaffMember } from '../../api/domain/staff/staff.ts';
import { LOCALES } from '../../api/i18n/index.ts';
import { BUILT_IN_SERVICES, serviceRegistry } from '../../api/services/registry.ts';
import type { MessageTree } from '../../api/services/service-package.ts';
import { servicePackages, TEST_SERVICE, testHouseholdPackage } from '../support/test-service/service.ts';

const member = (roles: StaffMember['roles'], serviceAreas: string[]): StaffMember => ({
  id: 'm1',
  username: 'm1',
  displayName: 'm1',
  roles,
  offices: ['demo-county'],
  serviceAreas,
});

const words = (tree: MessageTree, path: readonly string[]): unknown => path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as MessageTree)[key] : undefined), tree);

describe('the staff side of a service given at start', () => {
  const registry = serviceRegistry({ [TEST_SERVICE]: testHouseholdPackage.caseService });

  it('is handled by the members its workflow and area name, in the registry given, and not in the built-in one', () => {
    const intake = member(['intake'], ['allowances']);
    expect(servicesHandledBy(intake, registry)).toContain(TEST_SERVICE);
    expect(servicesHandledBy(intake, BUILT_IN_SERVICES)).not.toContain(TEST_SERVICE);
    expect(servicesHandledBy(member(['reviewer'], ['allowances']), registry)).not.toContain(TEST_SERVICE);
    expect(servicesHandledBy(member(['intake'], ['marriage']), registry)).not.toContain(TEST_SERVICE);
  });

  it('gives a member who handles only the package’s service a queue, and no registry office’s day', () => {
    const onlyIt = serviceRegistry({ [TEST_SERVICE]: { ...testHouseholdPackage.caseService, workflow: { ...testHouseholdPackage.caseService.workflow, serviceArea: 'test-only-area' } } });
    const clerk = member(['intake'], ['test-only-area']);
    expect(staffCapabilities(clerk, onlyIt)).toMatchObject({ queue: true, officeDay: false });
    expect(staffCapabilities(clerk, BUILT_IN_SERVICES)).toMatchObject({ queue: false, officeDay: false });
  });

  it.each(servicePackages.flatMap((package_) => LOCALES.map((lang) => [package_.id, lang] as const)))('%s names its service, states, events and workbench steps in %s', (id, lang) => {
    const package_ = servicePackages.find((candidate) => candidate.id === id);
    if (!package_) throw new Error(id);
    const { workflow } = package_.caseService;
    const tree = package_.messages[lang];
    // Its words are in its own namespace, named by its id (docs/decisions/038).
    const [namespace = '', root = ''] = package_.caseService.words.split(':');
    expect(namespace).toBe(package_.id);
    const own = (...path: string[]) => words(tree, [...root.split('.'), ...path]);
    expect(own('name')).toEqual(expect.any(String));
    for (const state of Object.keys(workflow.states)) expect(own('state', state), state).toEqual(expect.any(String));
    for (const transition of ['submit', ...workflow.transitions.map((t) => t.name)]) expect(own('event', transition), transition).toEqual(expect.any(String));
    const staffSteps = workflow.transitions.filter((t) => t.workbench !== false && caseRolesOf({ ...workflow, transitions: [t] }).length > 0);
    expect(staffSteps.length).toBeGreaterThan(0);
    for (const step of staffSteps) expect(own('action', step.name), step.name).toEqual(expect.any(String));
  });
});
