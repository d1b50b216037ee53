/** `npm run db:seed`: migrates, then loads the guides of content/guides that are new or changed. */
import { readConfig } from '../env.ts';
import { createLogger } from '../platform/logger.ts';
import { bootstrap, targetFromConfig } from '../server/bootstrap.ts';

const config = readConfig(process.env);
const runtime = await bootstrap({ target: targetFromConfig(config), logger: createLogger({ level: 'warn' }), contentCheckMs: 0 });
const { published, unchanged, keptStaffVersion } = runtime.guideSync;
console.log(`guides: ${published} published, ${unchanged} unchanged, ${keptStaffVersion} kept (edited by staff)`);
await runtime.close();
