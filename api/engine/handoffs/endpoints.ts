/**
 * Where each hand-off is sent and with what key (docs/decisions/044): HANDOFF_<NAME>_URL and
 * HANDOFF_<NAME>_SECRET (api/env.ts reads them), else, outside production, the portal's own
 * development receiver with a key derived from the portal secret, so that nothing needs setting on a
 * fresh machine. In production a hand-off without an endpoint is not sent: its requests wait.
 */
import type { DevReceiverSetting } from './dev-receiver.ts';
import { handoffEnvName } from './handoff.ts';

export interface HandoffSettings {
  /** Configured endpoints, by the hand-off's environment name (handoffEnvName: HOUSEHOLD_CHECK). */
  endpoints: Readonly<Record<string, { url: string; secret: string }>>;
  /** How the development receiver answers (HANDOFF_DEV_RECEIVER_MODE). */
  devReceiverMode: DevReceiverSetting;
  /** How long it takes to answer "later" (HANDOFF_DEV_RECEIVER_DELAY_SECONDS). */
  devReceiverDelayMs: number;
}

export const DEFAULT_HANDOFF_SETTINGS: HandoffSettings = { endpoints: {}, devReceiverMode: 'by-id', devReceiverDelayMs: 60_000 };

export interface HandoffEndpoint {
  url: string;
  secret: string;
  /** The portal's own development receiver. */
  development: boolean;
}

export const DEV_RECEIVER_PATH = '/api/v1/dev/handoff-receiver';
export const CALLBACK_PATH = '/api/v1/handoffs';

/**
 * The endpoint of a hand-off, or undefined (production, nothing configured).
 * @param origin the portal's own origin (PUBLIC_URL, or the address it listens on)
 * @param developmentSecret the key the portal and its development receiver share for a hand-off
 */
export function handoffEndpoint(
  name: string,
  context: { settings: HandoffSettings; environment: 'development' | 'production' | 'test'; origin: string; developmentSecret: (name: string) => string },
): HandoffEndpoint | undefined {
  const configured = context.settings.endpoints[handoffEnvName(name)];
  if (configured) return { ...configured, development: false };
  if (context.environment === 'production') return undefined;
  return { url: `${context.origin}${DEV_RECEIVER_PATH}/${encodeURIComponent(name)}`, secret: context.developmentSecret(name), development: true };
}

/** Where the receiving system sends a later answer. */
export function callbackUrl(origin: string, name: string): string {
  return `${origin}${CALLBACK_PATH}/${encodeURIComponent(name)}/results`;
}

/** HANDOFF_<NAME>_URL / _SECRET pairs from the environment, with what is wrong with them. */
export function endpointsFromEnvironment(source: Readonly<Record<string, string | undefined>>, production: boolean): { endpoints: Record<string, { url: string; secret: string }>; problems: string[] } {
  const endpoints: Record<string, { url: string; secret: string }> = {};
  const problems: string[] = [];
  const names = new Set<string>();
  for (const key of Object.keys(source)) {
    const match = /^HANDOFF_([A-Z0-9_]+)_(URL|SECRET)$/.exec(key);
    if (match?.[1] && !match[1].startsWith('DEV_RECEIVER') && source[key]) names.add(match[1]);
  }
  for (const name of [...names].sort()) {
    const url = source[`HANDOFF_${name}_URL`]?.trim();
    const secret = source[`HANDOFF_${name}_SECRET`]?.trim();
    if (!url) {
      problems.push(`HANDOFF_${name}_URL: required with HANDOFF_${name}_SECRET`);
      continue;
    }
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) problems.push(`HANDOFF_${name}_URL: must be an http(s) URL without credentials`);
    else if (production && parsed.protocol !== 'https:') problems.push(`HANDOFF_${name}_URL: must be https in production (the payload carries ID numbers)`);
    if (!secret || secret.length < 32) problems.push(`HANDOFF_${name}_SECRET: required with HANDOFF_${name}_URL, at least 32 characters (the key shared with the receiving system)`);
    if (parsed && secret && secret.length >= 32) endpoints[name] = { url, secret };
  }
  return { endpoints, problems };
}
