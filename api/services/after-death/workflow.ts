/**
 * The bundle itself on the workflow engine (docs/decisions/066): received, and closed by the office
 * once every part is settled. Its parts are cases of their own, each with its own steps; the bundle
 * never waits on them in its own state, so that one department's silence holds nothing else up.
 */
import type { ServiceDefinition } from '../../domain/workflow/workflow.ts';
import { AFTER_DEATH_AREA } from './office.ts';

export const afterDeathWorkflow: ServiceDefinition = {
  id: 'after-death',
  serviceArea: AFTER_DEATH_AREA,
  initialState: 'submitted',
  states: { submitted: {}, closed: { terminal: true } },
  deadlines: {},
  transitions: [{ name: 'close', from: ['submitted'], to: 'closed', by: ['intake'], visibility: 'applicant' }],
};
