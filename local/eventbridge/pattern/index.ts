import { compileEventPattern } from './compile';
import { InvalidEventError } from './errors';
import { isPlainObject } from './json';
import { matchesEventPattern } from './match';

export { compileEventPattern } from './compile';
export { InvalidEventError, InvalidEventPatternError } from './errors';
export { matchesEventPattern } from './match';
export type { CompiledPattern } from './types';

function parseEventJson(eventJson: string): Record<string, unknown> {
  let event: unknown;
  try {
    event = JSON.parse(eventJson);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidEventError(`the event is not valid JSON: ${reason}`, {
      cause: error,
    });
  }
  if (!isPlainObject(event)) {
    throw new InvalidEventError('the event must be a JSON object');
  }

  return event;
}

/**
 * Compiles the pattern and matches the event in one call, as TestEventPattern does.
 * Throws InvalidEventPatternError for an invalid pattern and InvalidEventError for an
 * event that is not a JSON object.
 */
export function testEventPattern(patternJson: string, eventJson: string): boolean {
  const pattern = compileEventPattern(patternJson);

  return matchesEventPattern(pattern, parseEventJson(eventJson));
}
