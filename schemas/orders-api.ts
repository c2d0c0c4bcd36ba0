import { z } from 'zod';
import { CancellationReason, Money, PricedLine, Sku } from './common';

/**
 * Upper bound on order lines. Inventory reserves all lines in one TransactWriteItems
 * call, which accepts at most 100 actions, one of which is the reservation itself.
 */
export const MAX_ORDER_LINES = 50;

/** Upper bound on the quantity of one line, which also keeps every total a safe integer. */
export const MAX_LINE_QUANTITY = 10_000;

/** Body of `POST /orders`. Prices are not accepted from the client. */
export const CreateOrderRequest = z.object({
  customerId: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^\P{Cc}*$/u, 'Must not contain control characters')
    .refine((value) => value.isWellFormed(), 'Must be well-formed Unicode (no lone surrogates)'),
  items: z
    .array(z.object({ sku: Sku, quantity: z.int().positive().max(MAX_LINE_QUANTITY) }))
    .min(1)
    .max(MAX_ORDER_LINES),
  payment: z.object({ token: z.string().min(1).max(256) }),
});
export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;

export const CreateOrderResponse = z.object({
  orderId: z.uuid(),
  status: z.literal('PENDING'),
});
export type CreateOrderResponse = z.infer<typeof CreateOrderResponse>;

export const OrderStatus = z.enum(['PENDING', 'CONFIRMED', 'CANCELLED']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Body of `GET /orders/{orderId}`. */
export const OrderView = z.object({
  orderId: z.uuid(),
  customerId: z.string().min(1),
  status: OrderStatus,
  items: z.array(PricedLine).min(1),
  total: Money,
  cancellationReason: CancellationReason.optional(),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderPathParameters = z.object({ orderId: z.string().min(1) });

/** Default and maximum page sizes of `GET /orders?customerId=...`. */
export const DEFAULT_ORDERS_PAGE_SIZE = 20;
export const MAX_ORDERS_PAGE_SIZE = 100;

/** Query of `GET /orders`. `nextToken` is the opaque token of the previous page. */
export const ListOrdersQuery = z.object({
  customerId: z.string().trim().min(1).max(128),
  limit: z.coerce.number().int().min(1).max(MAX_ORDERS_PAGE_SIZE).default(DEFAULT_ORDERS_PAGE_SIZE),
  nextToken: z.string().min(1).max(2048).optional(),
});
export type ListOrdersQuery = z.infer<typeof ListOrdersQuery>;

/** One order of a customer's order list. */
export const CustomerOrderSummary = z.object({
  orderId: z.uuid(),
  status: OrderStatus,
  total: Money,
  createdAt: z.iso.datetime(),
  cancellationReason: CancellationReason.optional(),
});

/** Body of `GET /orders?customerId=...`: newest first, with a token while more remain. */
export const CustomerOrderList = z.object({
  orders: z.array(CustomerOrderSummary),
  nextToken: z.string().optional(),
});
export type CustomerOrderList = z.infer<typeof CustomerOrderList>;
