import { describe, expect, it } from 'vitest';

import { escapeAstralCharacters } from '../../local/eventbridge/sqs-sender';

describe('SQS body escaping', () => {
  it('escapes characters above U+FFFF in JSON', () => {
    const body = JSON.stringify({ customerId: 'a😀b', nested: ['𝄞'] });

    const escaped = escapeAstralCharacters(body);

    expect(escaped).toBe('{"customerId":"a\\ud83d\\ude00b","nested":["\\ud834\\udd1e"]}');
    expect(JSON.parse(escaped)).toEqual(JSON.parse(body));
  });

  it('leaves text that is not JSON unchanged', () => {
    expect(escapeAstralCharacters('plain 😀')).toBe('plain 😀');
  });

  it('leaves JSON without such characters unchanged', () => {
    const body = '{"name":"café ü"}';

    expect(escapeAstralCharacters(body)).toBe(body);
  });
});
