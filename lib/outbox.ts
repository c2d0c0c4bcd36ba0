import { z } from 'zod';
import { EventMetadata, type IntegrationEvent } from '../schemas/event-definition';

/**
 * The `outbox` attribute of a stored item: the integration event that the relay sends
 * with PutEvents once the item appears on the table's stream. It contains exactly what
 * consumers receive, so private fields (such as the payment token) are left out.
 */
export const OutboxEntry = z.object({
  source: z.string().min(1),
  detailType: z.string().min(1),
  detail: z.object({ metadata: EventMetadata, data: z.unknown() }),
});
export type OutboxEntry = IntegrationEvent;

/** Name of the attribute that carries the outbox entry on a stored item. */
export const OUTBOX_ATTRIBUTE = 'outbox';
