import {
  InvalidEventPatternError,
  compileEventPattern,
  matchesEventPattern,
} from './pattern/index';
import { EventBridgeApiError, validationError } from './errors';
import { readRequiredString } from './validate';
import type { ApiRequest, CompiledPattern } from './types';

/** Fields that TestEventPattern requires in the event, as the API reference lists them. */
const REQUIRED_EVENT_FIELDS = [
  'id',
  'account',
  'source',
  'time',
  'region',
  'resources',
  'detail-type',
] as const;

/** Compiles a pattern, or throws InvalidEventPatternException with the engine's message. */
export function compilePattern(patternJson: string): CompiledPattern {
  try {
    return compileEventPattern(patternJson);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) {
      throw new EventBridgeApiError('InvalidEventPatternException', error.message, 400, {
        cause: error,
      });
    }
    throw error;
  }
}

function parseTestEvent(eventJson: string): Record<string, unknown> {
  let event: unknown;
  try {
    event = JSON.parse(eventJson);
  } catch (error) {
    throw new EventBridgeApiError('ValidationException', 'Event is not valid JSON.', 400, {
      cause: error,
    });
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw validationError('Event must be a JSON object.');
  }
  const missing = REQUIRED_EVENT_FIELDS.filter((field) => !(field in event));
  if (missing.length > 0) {
    throw validationError(`Event is not valid: it lacks the fields ${missing.join(', ')}.`);
  }

  return event as Record<string, unknown>;
}

/** Runs TestEventPattern: `{EventPattern, Event}` to `{Result}`. */
export function testEventPattern(request: ApiRequest): unknown {
  const patternJson = readRequiredString(request, 'EventPattern');
  const eventJson = readRequiredString(request, 'Event');
  const pattern = compilePattern(patternJson);
  // NOTE: ValidationException for an invalid Event is a guess: the API reference lists none.
  const event = parseTestEvent(eventJson);

  return { Result: matchesEventPattern(pattern, event) };
}
