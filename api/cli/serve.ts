/** Serves the portal from the existing build, without the build check of `npm start` (tests, production). */
import { runFromEnvironment } from '../server/main.ts';

await runFromEnvironment();
