/**
 * The data upgrades a start runs once the portal's key is loaded, in order: what a migration cannot
 * do because it runs without the key (docs/decisions/049, 065). Each is idempotent and recorded in
 * data_upgrades under a name that fingerprints what it depends on, so a later start skips it with one
 * lookup. A new one is a line here, not another block in the server's start.
 */
import { indexCasePeople, type CasePeopleDeps } from './case-people.ts';
import { sealEventInputs, type EventSealsDeps } from './event-seals.ts';

export type StartUpUpgradeDeps = CasePeopleDeps & EventSealsDeps;

export interface StartUpUpgrade {
  run(deps: StartUpUpgradeDeps): Promise<{ name: string; ran: boolean; changed: number }>;
  /** What the log says when it changed something, of what it changed. */
  done: string;
  counted: string;
}

export const START_UP_UPGRADES: readonly StartUpUpgrade[] = [
  // Fields sealed since events were stored: sealed in place before the first request reads them.
  { run: sealEventInputs, done: 'sealed timeline fields stored before they were sealed', counted: 'events' },
  // Who the cases stored before case_people are about.
  { run: indexCasePeople, done: 'recorded the people of cases stored before they were recorded', counted: 'cases' },
];
