import type { Logger } from '@aws-lambda-powertools/logger';
import { ProductList } from '../../../schemas/products-api';
import { createHttpHandler, type HttpHandler } from '../../../lib/http/handler';
import { jsonResponse } from '../../../lib/http/responses';
import type { ProductItem } from '../../../lib/products-table';

export interface ListProductsDependencies {
  logger: Logger;
  /** Returns every product, sorted by sku. */
  listProducts: () => Promise<ProductItem[]>;
}

/** Builds the `GET /products` handler. */
export function buildListProductsHandler(deps: ListProductsDependencies): HttpHandler {
  return createHttpHandler({ logger: deps.logger, schemas: {} }, async () => {
    const products = await deps.listProducts();
    const body = products.map(({ sku, name, price, available }) => ({
      sku,
      name,
      price,
      available,
    }));

    return jsonResponse(ProductList, 200, body);
  });
}
