import type { LookupAddress, LookupOptions } from 'node:dns';
import type dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { AddressClass } from './classify-address.js';

/** A host name resolved to an address the policy refuses; raised inside the connection attempt. */
export class RefusedAddressError extends Error {
  override readonly name = 'RefusedAddressError';

  constructor(
    readonly hostname: string,
    readonly addressClass: AddressClass,
  ) {
    super(`${hostname} resolves to a ${addressClass} address`);
  }
}

export interface CheckedLookupOptions {
  lookup: typeof dns.lookup;
  /** `public` (or a trusted address) lets the connection go ahead. */
  classify: (address: string) => AddressClass | 'trusted';
}

/**
 * The `lookup` a socket connects through: every address the name resolves to is checked, and the
 * socket connects to the checked addresses themselves, so a second resolution (DNS rebinding)
 * never gets a say. One refused address refuses the name.
 */
export function createCheckedLookup(options: CheckedLookupOptions): LookupFunction {
  return (hostname: string, lookupOptions: LookupOptions, callback) => {
    options.lookup(hostname, { all: true, family: lookupOptions.family ?? 0, hints: lookupOptions.hints ?? 0 }, (error, addresses: LookupAddress[]) => {
      if (error !== null) return callback(error, '', 0);
      for (const { address } of addresses) {
        const verdict = options.classify(address);
        if (verdict !== 'public' && verdict !== 'trusted') return callback(new RefusedAddressError(hostname, verdict) as NodeJS.ErrnoException, '', 0);
      }
      const first = addresses[0];
      if (first === undefined) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      if (lookupOptions.all === true) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}
