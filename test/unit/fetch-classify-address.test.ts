import { describe, expect, it } from 'vitest';
import { classifyAddress, type AddressClass } from '../../src/fetch/classify-address.js';
import { parseIpAddress } from '../../src/fetch/parse-ip-address.js';
import { isRefusedHostName } from '../../src/fetch/url-fetch-policy.js';

describe('classifyAddress', () => {
  it.each<[string, AddressClass]>([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['172.32.0.1', 'public'],
    ['172.15.255.255', 'public'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['100.128.0.1', 'public'],
    ['100.63.255.255', 'public'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fd00:ec2::254', 'metadata'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::808:808', 'public'],
    ['2002:c0a8:0101::1', 'private'],
    ['2002:0808:0808::1', 'public'],
    ['localhost', 'invalid'],
    ['127.1', 'invalid'],
    ['1::2::3', 'invalid'],
    ['', 'invalid'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  // The URL parser turns the numeric tricks into dotted addresses before anything is classified.
  it.each<[string, AddressClass]>([
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://2852039166/', 'metadata'],
    ['http://0xa9.0xfe.0xa9.0xfe/', 'metadata'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'metadata'],
    ['http://0/', 'unspecified'],
    ['http://images.example.com/', 'invalid'],
  ])('%s has a host that is %s', (url, expected) => {
    expect(classifyAddress(new URL(url).hostname)).toBe(expected);
  });
});

describe('parseIpAddress', () => {
  it.each([
    ['1.2.3.4', { family: 4, value: 0x01020304 }],
    ['::', { family: 6, groups: [0, 0, 0, 0, 0, 0, 0, 0] }],
    ['1:2:3:4:5:6:7:8', { family: 6, groups: [1, 2, 3, 4, 5, 6, 7, 8] }],
    ['fe80::1:2', { family: 6, groups: [0xfe80, 0, 0, 0, 0, 0, 1, 2] }],
    ['::ffff:1.2.3.4', { family: 6, groups: [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304] }],
    ['1.2.3', undefined],
    ['example.com', undefined],
  ])('%s', (text, expected) => {
    expect(parseIpAddress(text)).toEqual(expected);
  });
});

describe('isRefusedHostName', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST.', true],
    ['api.localhost', true],
    ['metadata.google.internal', true],
    ['metadata.google.internal.', true],
    ['metadata', true],
    ['instance-data', true],
    ['images.example.com', false],
    ['localhost.example.com', false],
  ])('%s: %s', (hostname, refused) => {
    expect(isRefusedHostName(hostname)).toBe(refused);
  });
});
