import { z } from 'zod';

/** Metadata that every event carries in `detail.metadata`. */
export const EventMetadata = z.object({
  eventId: z.uuid(),
  /** Set when the order is created and copied to every event of its saga. */
  correlationId: z.uuid(),
  /** The eventId of the event that caused this one, or the HTTP request id. */
  causationId: z.string().min(1),
  occurredAt: z.iso.datetime(),
  /** Version of the event's data schema. Consumers upcast older versions on parsing. */
  schemaVersion: z.int().positive(),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** The schema version that new events get unless their definition sets another. */
export const EVENT_SCHEMA_VERSION = 1;

/** Converts the data of one schema version to the shape of the next version. */
export type Upcaster = (data: unknown) => unknown;

export interface EventVersioning {
  /** The version that producers emit and that `data` describes. */
  version: number;
  /** Upcasters by the version they convert from, e.g. `{ 1: v1ToV2 }`. */
  upcasters: Record<number, Upcaster>;
}

/**
 * Defines one event type: its EventBridge source and detail-type, the schema of its
 * `detail`, and the schema of the whole EventBridge event as a consumer receives it.
 * With `versioning`, parsing a detail of an older schema version upcasts its data, one
 * version at a time, to the current version before validating it.
 */
export function defineEvent<
  Source extends string,
  DetailType extends string,
  Data extends z.ZodType,
>(
  source: Source,
  detailType: DetailType,
  data: Data,
  versioning: EventVersioning = { version: EVENT_SCHEMA_VERSION, upcasters: {} },
) {
  const detail = z.preprocess(
    (input) => upcastDetail(input, versioning),
    z.object({ metadata: EventMetadata, data }),
  );
  const { version } = versioning;
  const envelope = z.object({
    id: z.string().optional(),
    source: z.literal(source),
    'detail-type': z.literal(detailType),
    time: z.string().optional(),
    detail,
  });

  return { source, detailType, data, detail, envelope, version };
}

/** Upcasts a detail's data from its schema version to the current one, if it is older. */
export function upcastDetail(input: unknown, versioning: EventVersioning): unknown {
  const detail = input as { metadata?: { schemaVersion?: unknown }; data?: unknown } | null;
  let schemaVersion = detail?.metadata?.schemaVersion;
  if (typeof schemaVersion !== 'number' || schemaVersion >= versioning.version) {
    return input;
  }
  let data = detail?.data;
  while (schemaVersion < versioning.version) {
    const upcast = versioning.upcasters[schemaVersion];
    if (upcast === undefined) {
      return input;
    }
    data = upcast(data);
    schemaVersion += 1;
  }

  return { ...detail, metadata: { ...detail?.metadata, schemaVersion }, data };
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
