/**
 * Consumers record the id of each event they processed in the same transaction as the
 * state change it caused, as an item whose partition key is `processed#<eventId>`. The id
 * is the producer's `detail.metadata.eventId`. An EventBridge replay keeps it, and so does
 * an outbox relay retry, which sends the same entry again under a new EventBridge `id`.
 */
export const processedEventKey = (eventId: string): string => `processed#${eventId}`;
