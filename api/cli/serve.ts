/** Serves the portal from the existing build, without the build check of `npm start` (tests, production). */
import { relaunchWithProcessSettings } from '../platform/process-settings.ts';

// First: the process may be replaced by one with the portal's heap and malloc settings (docs/decisions/078).
relaunchWithProcessSettings();
// Imported only now, so that none of it is loaded in a process about to be replaced.
const { runFromEnvironment } = await import('../server/main.ts');

// One plain line, whatever LOG_LEVEL says: scripts and tests wait for it (tests/support/portal-process.ts).
await runFromEnvironment((url) => console.log(`portal listening at ${url}`));
