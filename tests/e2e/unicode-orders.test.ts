import { describe, expect, it } from 'vitest';

import { postOrder, settledOrder } from '../support/http';

describe('orders with characters above U+FFFF', () => {
  it('confirms an order from an emoji customer id', async () => {
    const created = await postOrder({
      customerId: 'customer-😀',
      items: [{ sku: 'NOTEBOOK-A5', quantity: 1 }],
      payment: { token: 'tok_ok' },
    });

    expect(created.status).toBe(201);
    const settled = await settledOrder(created.body.orderId);
    expect(settled.status).toBe('CONFIRMED');
    expect(settled.customerId).toBe('customer-😀');
  });
});
