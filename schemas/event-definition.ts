import { z } from 'zod';

/** Metadata that every event carries in `detail.metadata`. */
export const EventMetadata = z.object({
  eventId: z.uuid(),
  /** Set when the order is created and copied to every event of its saga. */
  correlationId: z.uuid(),
  /** The eventId of the event that caused this one, or the HTTP request id. */
  causationId: z.string().min(1),
  occurredAt: z.iso.datetime(),
  schemaVersion: z.literal(1),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

export const EVENT_SCHEMA_VERSION = 1;

/**
 * Defines one event type: its EventBridge source and detail-type, the schema of its
 * `detail`, and the schema of the whole EventBridge event as a consumer receives it.
 */
export function defineEvent<
  Source extends string,
  DetailType extends string,
  Data extends z.ZodType,
>(source: Source, detailType: DetailType, data: Data) {
  const detail = z.object({ metadata: EventMetadata, data });
  const envelope = z.object({
    id: z.string().optional(),
    source: z.literal(source),
    'detail-type': z.literal(detailType),
    time: z.string().optional(),
    detail,
  });

  return { source, detailType, data, detail, envelope };
}

/** The schemas of one event type, as returned by `defineEvent`. */
export type EventDefinition = ReturnType<
  typeof defineEvent<string, string, z.ZodType>
>;

/** The `detail` of an event: its metadata and its data. */
export interface EventDetail<Data = unknown> {
  metadata: EventMetadata;
  data: Data;
}

/** An event ready for PutEvents. */
export interface IntegrationEvent<Data = unknown> {
  source: string;
  detailType: string;
  detail: EventDetail<Data>;
}
