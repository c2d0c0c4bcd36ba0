/**
 * A parsed wildcard: the literal text between `*` characters. `["a", "b"]` is `a*b`, and
 * `["", ""]` is a lone `*`. One part means the pattern has no wildcard character.
 */
export type WildcardParts = readonly string[];

/** Parsed wildcard text: the parts, or the reason EventBridge rejects the text. */
export type WildcardParse = { parts: WildcardParts } | { error: string };

/**
 * Parses wildcard text. `\*` is a literal asterisk and `\\` a literal backslash. Any
 * other backslash and two consecutive wildcard characters are errors, as in EventBridge.
 */
export function parseWildcard(text: string): WildcardParse {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '*') {
      if (text[i + 1] === '*') {
        return { error: `consecutive wildcard characters at position ${i}` };
      }
      parts.push(current);
      current = '';
    } else if (char === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') {
        return { error: `invalid escape character at position ${i}` };
      }
      current += next;
      i++;
    } else {
      current += char;
    }
  }
  parts.push(current);

  return { parts };
}

function matchesMiddle(value: string, parts: WildcardParts, start: number, end: number) {
  let position = start;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    const found = value.indexOf(part, position);
    if (found < 0 || found + part.length > end) {
      return false;
    }
    position = found + part.length;
  }

  return true;
}

/**
 * Returns whether `value` matches the parsed wildcard. With only `*` between literal
 * parts, taking the leftmost occurrence of each middle part is always correct, so this
 * runs without backtracking.
 */
export function matchesWildcard(value: string, parts: WildcardParts): boolean {
  const first = parts[0] ?? '';
  if (parts.length === 1) {
    return value === first;
  }
  const last = parts[parts.length - 1] ?? '';
  if (value.length < first.length + last.length) {
    return false;
  }
  if (!value.startsWith(first) || !value.endsWith(last)) {
    return false;
  }

  return matchesMiddle(value, parts, first.length, value.length - last.length);
}
