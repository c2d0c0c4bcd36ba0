import { parseIpAddress } from './ip-address';
import type { LeafValue, ValueMatcher } from './types';

const MASK_BITS = /^[+-]?[0-9]+$/;

/** An IP network: the address bytes (4 or 16) and how many leading bits must agree. */
export interface IpNetwork {
  readonly bytes: Uint8Array;
  readonly prefixBits: number;
}

let lastParsedText: string | undefined;
let lastParsedAddress: Uint8Array | undefined;

/**
 * Parses like `parseIpAddress` and reuses the previous result for the same text, because a
 * field with several CIDR expressions tests one event value against each of them in turn.
 * Callers must not modify the returned bytes.
 */
function parseIpAddressCached(text: string): Uint8Array | undefined {
  if (text !== lastParsedText) {
    lastParsedAddress = parseIpAddress(text);
    lastParsedText = text;
  }

  return lastParsedAddress;
}

/** Returns whether `address` lies in `network`. Other-family addresses never do. */
export function isInNetwork(network: IpNetwork, address: Uint8Array): boolean {
  if (address.length !== network.bytes.length) {
    return false;
  }
  const fullBytes = network.prefixBits >> 3;
  for (let i = 0; i < fullBytes; i++) {
    if (address[i] !== network.bytes[i]) {
      return false;
    }
  }
  const restBits = network.prefixBits & 7;
  if (restBits === 0) {
    return true;
  }
  const mask = (0xff << (8 - restBits)) & 0xff;

  return ((address[fullBytes] ?? 0) & mask) === ((network.bytes[fullBytes] ?? 0) & mask);
}

/** Parses CIDR text into a network, or returns the reason EventBridge rejects the text. */
export function parseCidr(text: string): IpNetwork | string {
  const parts = text.split('/');
  // Java's String.split, which EventBridge uses, drops trailing empty parts.
  while (parts.length > 0 && parts[parts.length - 1] === '') {
    parts.pop();
  }
  const [address = '', mask = ''] = parts;
  if (parts.length !== 2) {
    return 'malformed CIDR: exactly one "/" is required';
  }
  const prefixBits = Number(mask);
  if (!MASK_BITS.test(mask) || !Number.isSafeInteger(prefixBits)) {
    return 'malformed CIDR: the mask bits must be an integer';
  }
  if (prefixBits < 0) {
    return 'malformed CIDR: the mask bits must not be negative';
  }
  const bytes = parseIpAddress(address);
  if (bytes === undefined) {
    return `invalid IP address "${address}" in CIDR`;
  }
  // EventBridge rejects /32 for IPv4 and /128 for IPv6. An exact address string matches
  // one host instead.
  const maxBits = bytes.length * 8 - 1;
  if (prefixBits > maxBits) {
    return `IPv${bytes.length === 4 ? 4 : 6} mask bits must be at most ${maxBits}`;
  }

  return { bytes, prefixBits };
}

/** Builds a matcher for string event values that are IP addresses inside the network. */
export function networkMatcher(network: IpNetwork): ValueMatcher {
  return (value: LeafValue) => {
    if (typeof value !== 'string') {
      return false;
    }
    const address = parseIpAddressCached(value);

    return address !== undefined && isInNetwork(network, address);
  };
}

/**
 * Returns a matcher for an exact pattern string that is an IP literal. EventBridge
 * compares such strings as addresses, so `"::1"` also matches `"0:0:0:0:0:0:0:1"`.
 */
export function exactAddressMatcher(text: string): ValueMatcher | undefined {
  const bytes = parseIpAddress(text);
  if (bytes === undefined) {
    return undefined;
  }

  return networkMatcher({ bytes, prefixBits: bytes.length * 8 });
}
