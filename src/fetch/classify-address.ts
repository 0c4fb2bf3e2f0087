import { parseIpAddress } from './parse-ip-address.js';

/** Why an address may not be fetched from, or `public` when it may. */
export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'shared'
  | 'metadata'
  | 'reserved'
  | 'invalid';

type Range = readonly [network: string, prefixLength: number, kind: Exclude<AddressClass, 'public' | 'invalid'>];

// Most specific first: the metadata addresses sit inside wider ranges.
const ipv4Ranges: readonly Range[] = [
  ['169.254.169.254', 32, 'metadata'],
  ['168.63.129.16', 32, 'metadata'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const ipv6Ranges: readonly Range[] = [
  ['fd00:ec2::254', 128, 'metadata'],
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b:1::', 48, 'private'],
  ['100::', 64, 'reserved'],
  ['2001::', 32, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'],
  ['ff00::', 8, 'multicast'],
];

/** IPv6 forms that carry an IPv4 address, which decides: mapped, compatible, NAT64 (96-bit prefixes) and 6to4. */
const embeddingPrefixes: ReadonlyArray<readonly [network: string, prefixLength: number, firstGroup: number]> = [
  ['::ffff:0:0', 96, 6],
  ['::', 96, 6],
  ['64:ff9b::', 96, 6],
  ['2002::', 16, 1],
];

/** Classifies an IP address (IPv4, or IPv6 with or without brackets); anything else is `invalid`. */
export function classifyAddress(text: string): AddressClass {
  const parsed = parseIpAddress(text);
  if (parsed === undefined) return 'invalid';
  if (parsed.family === 4) return classifyIpv4(parsed.value);
  const { groups } = parsed;
  const exact = ipv6Ranges.find(([network, length]) => length === 128 && inIpv6Range(groups, network, length));
  if (exact !== undefined) return exact[2];
  for (const [network, length, firstGroup] of embeddingPrefixes) {
    if (inIpv6Range(groups, network, length)) return classifyIpv4((groups[firstGroup] ?? 0) * 65536 + (groups[firstGroup + 1] ?? 0));
  }
  return ipv6Ranges.find(([network, length]) => inIpv6Range(groups, network, length))?.[2] ?? 'public';
}

function classifyIpv4(value: number): AddressClass {
  for (const [network, length, kind] of ipv4Ranges) {
    const base = parseIpAddress(network);
    if (base?.family !== 4) continue;
    const size = 2 ** (32 - length);
    if (Math.floor(value / size) === Math.floor(base.value / size)) return kind;
  }
  return 'public';
}

function inIpv6Range(groups: readonly number[], network: string, prefixLength: number): boolean {
  const base = parseIpAddress(network);
  if (base?.family !== 6) return false;
  for (let bit = 0; bit < prefixLength; bit += 16) {
    const index = bit / 16;
    const width = Math.min(16, prefixLength - bit);
    const shift = 16 - width;
    if ((groups[index] ?? 0) >> shift !== (base.groups[index] ?? 0) >> shift) return false;
  }
  return true;
}
