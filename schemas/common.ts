import { z } from 'zod';

/** An amount in minor units (cents for EUR) with its ISO 4217 currency code. */
export const Money = z.object({
  amount: z.int().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code'),
});
export type Money = z.infer<typeof Money>;

export const Sku = z.string().min(1).max(64);

/** A stock line: how many units of one product. */
export const StockLine = z.object({
  sku: Sku,
  quantity: z.int().positive(),
});
export type StockLine = z.infer<typeof StockLine>;

/** An order line with the unit price that the catalog had when the order was created. */
export const PricedLine = StockLine.extend({ unitPrice: Money });
export type PricedLine = z.infer<typeof PricedLine>;

export const CancellationReason = z.enum(['out_of_stock', 'payment_declined']);
export type CancellationReason = z.infer<typeof CancellationReason>;
