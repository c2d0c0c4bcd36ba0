import { z } from 'zod';
import { Sku, StockLine } from './common';
import { defineEvent } from './event-definition';

export const INVENTORY_SOURCE = 'shop.inventory';

export const StockReserved = defineEvent(
  INVENTORY_SOURCE,
  'StockReserved',
  z.object({ orderId: z.uuid(), items: z.array(StockLine).min(1) }),
);
export type StockReservedData = z.infer<typeof StockReserved.data>;

/** A line that could not be reserved, with the stock available when it was checked. */
export const UnavailableLine = z.object({
  sku: Sku,
  requested: z.int().positive(),
  available: z.int().nonnegative(),
});
export type UnavailableLine = z.infer<typeof UnavailableLine>;

export const StockReservationFailed = defineEvent(
  INVENTORY_SOURCE,
  'StockReservationFailed',
  z.object({
    orderId: z.uuid(),
    reason: z.literal('out_of_stock'),
    unavailable: z.array(UnavailableLine).min(1),
  }),
);
export type StockReservationFailedData = z.infer<typeof StockReservationFailed.data>;

export const StockReleased = defineEvent(
  INVENTORY_SOURCE,
  'StockReleased',
  z.object({ orderId: z.uuid(), items: z.array(StockLine).min(1) }),
);
export type StockReleasedData = z.infer<typeof StockReleased.data>;
