/** Serves the portal from the existing build, without the build check of `npm start` (tests, production). */
import { runFromEnvironment } from '../server/main.ts';

// One plain line, whatever LOG_LEVEL says: scripts and tests wait for it (tests/support/portal-process.ts).
await runFromEnvironment((url) => console.log(`portal listening at ${url}`));
