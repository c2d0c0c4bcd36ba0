import { z } from 'zod';
import { StockLine } from '../../../schemas/common';
import { EventMetadata } from '../../../schemas/event-definition';

/** An event kept with a reservation so that a redelivery publishes the same event. */
export const StoredIntegrationEvent = z.object({
  source: z.string().min(1),
  detailType: z.string().min(1),
  detail: z.object({ metadata: EventMetadata, data: z.unknown() }),
});

/** An item of RESERVATIONS_TABLE, keyed by `orderId`. */
export const ReservationItem = z.object({
  orderId: z.string().min(1),
  status: z.enum(['RESERVED', 'REJECTED', 'RELEASED']),
  items: z.array(StockLine),
  /** StockReserved or StockReservationFailed. */
  outcomeEvent: StoredIntegrationEvent,
  /** StockReleased, set when the status becomes RELEASED. */
  releaseEvent: StoredIntegrationEvent.optional(),
});
export type ReservationItem = z.infer<typeof ReservationItem>;
