import type { z } from 'zod';
import {
  EVENT_SCHEMA_VERSION,
  type EventDefinition,
  type EventMetadata,
  type IntegrationEvent,
} from '../schemas/event-definition';
import { InvalidEventError } from './errors';
import type { Clock, IdGenerator } from './runtime';

/** The saga of a new event and the event or request that caused it. */
export interface Causation {
  correlationId: string;
  causationId: string;
}

/** Builds the metadata of a new event with a fresh eventId and the current time. */
export function createMetadata(
  causation: Causation,
  newId: IdGenerator,
  now: Clock,
): EventMetadata {
  return {
    eventId: newId(),
    correlationId: causation.correlationId,
    causationId: causation.causationId,
    occurredAt: now().toISOString(),
    schemaVersion: EVENT_SCHEMA_VERSION,
  };
}

/** Returns the causation for events caused by the given incoming event. */
export function causedBy(metadata: EventMetadata): Causation {
  return { correlationId: metadata.correlationId, causationId: metadata.eventId };
}

/**
 * Builds an event for PutEvents. The detail is parsed with the event's schema, so a
 * producer cannot publish what its consumers would reject.
 */
export function toIntegrationEvent<Definition extends EventDefinition>(
  definition: Definition,
  data: z.input<Definition['data']>,
  metadata: EventMetadata,
): IntegrationEvent<z.output<Definition['data']>> {
  const versioned = { ...metadata, schemaVersion: definition.version };
  const detail = definition.detail.parse({ metadata: versioned, data });

  return {
    source: definition.source,
    detailType: definition.detailType,
    detail: detail as IntegrationEvent<z.output<Definition['data']>>['detail'],
  };
}

/**
 * Parses an SQS message body that contains a whole EventBridge event.
 *
 * @throws InvalidEventError when the body is not JSON or fails the schema.
 */
export function parseEventBody<Schema extends z.ZodType>(
  body: string,
  schema: Schema,
): z.output<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new InvalidEventError('Message body is not valid JSON', { cause: error });
  }

  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new InvalidEventError(`Message body does not match the event schema: ${issues}`, {
      cause: result.error,
    });
  }

  return result.data;
}
