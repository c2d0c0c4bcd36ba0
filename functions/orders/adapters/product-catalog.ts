import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Money } from '../../../schemas/common';
import { batchGetProducts } from '../../../lib/products-table';

/** Lookup of current unit prices by sku, which leaves out unknown skus. */
export type FindPrices = (skus: readonly string[]) => Promise<Map<string, Money>>;

/** Creates a price lookup on PRODUCTS_TABLE with BatchGetItem. */
export function createPriceLookup(
  client: DynamoDBDocumentClient,
  tableName: string,
): FindPrices {
  return async (skus) => {
    const products = await batchGetProducts(client, tableName, skus, {
      consistentRead: false,
    });

    return new Map([...products].map(([sku, product]) => [sku, product.price]));
  };
}
