import { describe, expect, it } from 'vitest';

import { createDynamoInventoryStore } from '../../functions/inventory/adapters/inventory-store';
import { seedProducts } from '../../scripts/seed-products';
import { localClients, uniqueName } from '../support/aws';

const { dynamoDb } = localClients();
const tables = { productsTable: 'shop-test-products', inventoryTable: 'shop-test-inventory' };

describe('seed-products', () => {
  it('adds stock only on the first run', async () => {
    const sku = uniqueName('SEED').toUpperCase();
    const product = { sku, name: 'Seeded twice', price: { amount: 100, currency: 'EUR' }, stock: 7 };
    const store = createDynamoInventoryStore(dynamoDb, tables.inventoryTable);

    const first = await seedProducts(dynamoDb, tables, [product]);
    const second = await seedProducts(dynamoDb, tables, [product]);

    expect(first).toEqual([sku]);
    expect(second).toEqual([]);
    expect((await store.readStock([sku])).get(sku)).toEqual({ available: 7, version: 1 });
  });
});
