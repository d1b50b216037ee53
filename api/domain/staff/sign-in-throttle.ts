/**
 * How many staff sign-in attempts may have their password checked, and whose count each attempt
 * takes (docs/decisions/014). Pure: the clock, the stored counts and the keyed hashes are arguments.
 *
 * Three counters, each a window of 15 minutes that starts at its first attempt:
 *  - per client address across accounts (password spraying), taken first;
 *  - per account and client address (the pair), taken second: what stops guessing one password;
 *  - per account across addresses (the ceiling), taken last, and not at all by an address the
 *    account signed in from lately: guessing from many addresses stops, the clerk at their desk does not.
 * An attempt refused by one counter gives back what it took from the counters before it, so an
 * attacker's refused attempts never use up a count that the real clerk needs.
 */

export const SIGN_IN_WINDOW_MS = 15 * 60_000;

export const SIGN_IN_LIMITS = {
  /**
   * Attempts per client address across all accounts: a whole office may sign in from one address
   * (and each mistypes now and then), so it is generous, yet it stops one address trying a common
   * password on every account.
   */
  perClient: 50,
  /** Attempts per account from one address: a clerk who mistypes five times waits at most 15 minutes. */
  perPair: 5,
  /**
   * Attempts per account from all addresses that have not signed in to it lately: 25 per 15 minutes
   * is at most 100 an hour (ASVS 4.0.3 V2.2.1), and one address can take only 5 of them.
   */
  perAccount: 25,
} as const;

/** An address the account signed in from within this time is exempt from the account's ceiling. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;

export type SignInCounter = keyof typeof SIGN_IN_LIMITS;

/** The order the counters are taken in (see the module's comment). */
export const SIGN_IN_COUNTERS: readonly SignInCounter[] = ['perClient', 'perPair', 'perAccount'];

/**
 * What identifies an account in the counters: a username as a person may type it (full-width
 * letters, capitals, spaces around it) counts as the account it names.
 */
export function normaliseUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

/**
 * What identifies a client in the counters: an IPv4 address, or the /64 network of an IPv6 address
 * (one subscriber gets a whole /64, so counting single IPv6 addresses would give an attacker
 * billions of fresh counts). An IPv4 address written as IPv6 (::ffff:1.2.3.4) counts as itself.
 */
export function clientNetwork(address: string | null): string {
  if (!address) return 'unknown';
  const bare = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!bare.includes(':')) return bare;
  const groups = expandIPv6(bare);
  if (!groups) return bare;
  if (groups.slice(0, 5).every((group) => group === '0') && groups[5] === 'ffff') {
    const [high, low] = [parseInt(groups[6] ?? '0', 16), parseInt(groups[7] ?? '0', 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, each without leading zeros; undefined when it is not one. */
function expandIPv6(address: string): string[] | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string | undefined) => (part ? part.split(':') : []);
  let head = split(halves[0]);
  let tail = split(halves[1]);
  // An embedded IPv4 tail (…:1.2.3.4) stands for the last two groups.
  const last = (halves.length === 2 ? tail : head).at(-1);
  if (last?.includes('.')) {
    const octets = last.split('.').map(Number);
    const v4 = [((octets[0] ?? 0) << 8) | (octets[1] ?? 0), ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)].map((n) => n.toString(16));
    if (halves.length === 2) tail = [...tail.slice(0, -1), ...v4];
    else head = [...head.slice(0, -1), ...v4];
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return groups.map((group) => group.replace(/^0+(?=.)/, ''));
}

/** Whether the account signed in from this address lately, so the account's ceiling does not apply to it. */
export function isKnownAddress(lastSignedInAt: string | null, now: Date): boolean {
  return lastSignedInAt !== null && now.getTime() - Date.parse(lastSignedInAt) < KNOWN_ADDRESS_MS;
}

/** When a refused attempt may try again: the end of the refusing counter's window. */
export function retryAtOf(windowStart: string): string {
  return new Date(Date.parse(windowStart) + SIGN_IN_WINDOW_MS).toISOString();
}

/** Whole seconds from now until `retryAt`, at least 1 (the Retry-After header). */
export function secondsUntil(retryAt: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(retryAt) - now.getTime()) / 1000));
}
