import { z } from 'zod';
import { Money, Sku } from './common';

/** One entry of `GET /products`. */
export const ProductView = z.object({
  sku: Sku,
  name: z.string().min(1),
  price: Money,
  available: z.int().nonnegative(),
});
export type ProductView = z.infer<typeof ProductView>;

export const ProductList = z.array(ProductView);
