import { describe, expect, it } from 'vitest';
import { buildListProductsHandler } from '../../functions/inventory/handlers/list-products';
import { httpEvent, lambdaContext, silentLogger } from './support/lambda';

const mug = {
  sku: 'MUG-01',
  name: 'Enamel Mug',
  price: { amount: 1500, currency: 'EUR' },
  available: 12,
  version: 3,
};

const listRequest = () => httpEvent({ method: 'GET', path: '/products' });

describe('GET /products', () => {
  it('returns products without storage fields', async () => {
    const handler = buildListProductsHandler({
      logger: silentLogger(),
      listProducts: async () => [mug],
    });
    const response = await handler(listRequest(), lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual([
      {
        sku: 'MUG-01',
        name: 'Enamel Mug',
        price: { amount: 1500, currency: 'EUR' },
        available: 12,
      },
    ]);
  });

  it('answers 500 when the store fails', async () => {
    const handler = buildListProductsHandler({
      logger: silentLogger(),
      listProducts: async () => {
        throw new Error('table missing');
      },
    });
    const response = await handler(listRequest(), lambdaContext());

    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal server error' });
  });
});
