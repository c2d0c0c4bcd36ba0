import { z } from 'zod';
import { StockLine } from '../../../schemas/common';
import { EventMetadata } from '../../../schemas/event-definition';
import {
  StockReleased,
  StockReservationFailed,
  StockReserved,
} from '../../../schemas/inventory-events';
import { InvalidStoredItemError } from '../../../lib/errors';
import type { ReservationStatus } from '../domain/reservation';

/** The stream of one order's reservation in INVENTORY_TABLE. */
export const reservationStreamId = (orderId: string): string => `reservation#${orderId}`;

/**
 * An event of a reservation stream: version 1 is the outcome (StockReserved or
 * StockReservationFailed), and version 2, when present, is StockReleased.
 */
const ReservationEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('StockReserved'), data: StockReserved.data }),
  z.object({ type: z.literal('StockReservationFailed'), data: StockReservationFailed.data }),
  z.object({ type: z.literal('StockReleased'), data: StockReleased.data }),
]);

const StoredReservationEvent = z.intersection(
  ReservationEvent,
  z.object({ version: z.int().positive(), metadata: EventMetadata }),
);

/** The reservation of one order, folded from its stream. */
export interface ReservationItem {
  orderId: string;
  status: ReservationStatus;
  items: z.infer<typeof StockLine>[];
  /** Version of the last event of the reservation stream. */
  version: number;
}

/** Folds the stored items of a reservation stream, or returns undefined for none. */
export function foldReservation(
  orderId: string,
  items: readonly Record<string, unknown>[],
): ReservationItem | undefined {
  let reservation: ReservationItem | undefined;
  for (const item of items) {
    const event = parseReservationEvent(orderId, item);
    const version = event.version;
    switch (event.type) {
      case 'StockReserved':
        reservation = { orderId, status: 'RESERVED', items: event.data.items, version };
        break;
      case 'StockReservationFailed':
        reservation = { orderId, status: 'REJECTED', items: [], version };
        break;
      case 'StockReleased':
        reservation = { orderId, status: 'RELEASED', items: event.data.items, version };
        break;
    }
  }

  return reservation;
}

function parseReservationEvent(orderId: string, item: Record<string, unknown>) {
  const result = StoredReservationEvent.safeParse(item);
  if (!result.success) {
    throw new InvalidStoredItemError(
      `Reservation event of order ${orderId} at version ${String(item['version'])} is invalid`,
      { cause: result.error },
    );
  }

  return result.data;
}
