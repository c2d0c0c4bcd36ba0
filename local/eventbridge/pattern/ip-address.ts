const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** Returns whether the text has the shape of an IP literal, as EventBridge checks. */
export function looksLikeIpAddress(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

/**
 * Parses a dotted quad whose shape the caller has checked. An octet with a leading zero
 * is rejected because other parsers read it as octal.
 */
function parseIpv4(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(4);
  let octet = 0;
  let digits = 0;
  let index = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46;
    if (code === 46) {
      bytes[index++] = octet;
      octet = 0;
      digits = 0;
      continue;
    }
    if (digits === 1 && octet === 0) {
      return undefined;
    }
    octet = octet * 10 + (code - 48);
    digits++;
    if (octet > 255) {
      return undefined;
    }
  }

  return bytes;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) {
    return code - 48;
  }
  const lower = code | 0x20;

  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** Splits IPv6 text into the 16-bit groups before and after `::`, or undefined. */
function readIpv6Groups(text: string): { head: number[]; tail: number[] } | undefined {
  const head: number[] = [];
  const tail: number[] = [];
  let groups = head;
  let value = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 58) {
      const digit = hexDigit(code);
      if (digit < 0 || digits === 4) {
        return undefined;
      }
      value = value * 16 + digit;
      digits++;
      continue;
    }
    const compression = text.charCodeAt(i + 1) === 58;
    if (digits > 0) {
      groups.push(value);
    } else if (!(compression && i === 0)) {
      return undefined;
    }
    if (compression) {
      if (groups === tail) {
        return undefined;
      }
      groups = tail;
      i++;
    }
    value = 0;
    digits = 0;
  }
  if (digits > 0) {
    groups.push(value);
  } else if (!(groups === tail && text.endsWith('::'))) {
    return undefined;
  }

  return { head, tail };
}

function expandIpv6Groups(text: string): number[] | undefined {
  const read = readIpv6Groups(text);
  if (read === undefined) {
    return undefined;
  }
  const { head, tail } = read;
  const compressed = text.includes('::');
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) {
    return undefined;
  }

  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

function isIpv4Mapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) {
    if (bytes[i] !== 0) {
      return false;
    }
  }

  return bytes[10] === 0xff && bytes[11] === 0xff;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const groups = expandIpv6Groups(text);
  if (groups === undefined) {
    return undefined;
  }
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  // Java's InetAddress, which EventBridge uses, turns IPv4-mapped addresses into IPv4.

  return isIpv4Mapped(bytes) ? bytes.slice(12) : bytes;
}

/**
 * Parses an IPv4 dotted quad, or an IPv6 literal without embedded IPv4 or zone, into 4 or
 * 16 bytes. Returns undefined for anything else.
 */
export function parseIpAddress(text: string): Uint8Array | undefined {
  if (text.length > 39) {
    return undefined;
  }
  if (IPV4_SHAPE.test(text)) {
    return parseIpv4(text);
  }
  if (text.includes(':') && IPV6_SHAPE.test(text)) {
    return parseIpv6(text);
  }

  return undefined;
}
