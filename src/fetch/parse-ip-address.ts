import { isIPv4, isIPv6 } from 'node:net';

export type ParsedAddress =
  | { family: 4; value: number }
  /** Eight 16-bit groups. */
  | { family: 6; groups: number[] };

/**
 * A textual IP address as numbers; undefined for anything else. Only canonical dotted IPv4 is taken:
 * the WHATWG URL parser has already turned `2130706433` or `0x7f.1` into `127.0.0.1`.
 */
export function parseIpAddress(text: string): ParsedAddress | undefined {
  const address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIPv4(address)) return { family: 4, value: ipv4Value(address) };
  if (!isIPv6(address)) return undefined;
  const zoneless = address.split('%', 1)[0] ?? address;
  const groups = ipv6Groups(zoneless);
  return groups === undefined ? undefined : { family: 6, groups };
}

function ipv4Value(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function ipv6Groups(address: string): number[] | undefined {
  const lastColon = address.lastIndexOf(':');
  const last = address.slice(lastColon + 1);
  // An embedded IPv4 tail (`::ffff:127.0.0.1`) is the last two groups.
  const text = isIPv4(last)
    ? `${address.slice(0, lastColon + 1)}${Math.floor(ipv4Value(last) / 65536).toString(16)}:${(ipv4Value(last) % 65536).toString(16)}`
    : address;
  const [head = '', rest, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const parse = (part: string) => (part.length === 0 ? [] : part.split(':').map((group) => (/^[0-9a-f]{1,4}$/i.test(group) ? Number.parseInt(group, 16) : Number.NaN)));
  const before = parse(head);
  const after = rest === undefined ? [] : parse(rest);
  const missing = 8 - before.length - after.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return undefined;
  const groups = [...before, ...new Array<number>(missing).fill(0), ...after];
  return groups.every((group) => Number.isInteger(group)) ? groups : undefined;
}
