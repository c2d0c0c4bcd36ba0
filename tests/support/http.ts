import { inject } from 'vitest';

import { eventually } from './aws';

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

/** Sends a request to the local HTTP API and parses a JSON response. */
export async function api(path: string, init: RequestInit = {}): Promise<HttpResult> {
  const response = await fetch(`${inject('httpUrl')}${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Kept as text, so an assertion shows what came back.
  }

  return { status: response.status, headers: response.headers, body };
}

export function postOrder(body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  return api('/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Waits until the order leaves PENDING and returns its final view. */
export function settledOrder(orderId: string, timeoutMs = 20_000): Promise<any> {
  return eventually(
    async () => {
      const order = await api(`/orders/${orderId}`);

      return order.status === 200 && order.body.status !== 'PENDING' ? order.body : undefined;
    },
    timeoutMs,
    `order ${orderId} to settle`,
  );
}

export async function availableOf(sku: string): Promise<number> {
  const products = await api('/products');
  const product = (products.body as { sku: string; available: number }[]).find((item) => item.sku === sku);
  if (!product) {
    throw new Error(`Product ${sku} is not in GET /products.`);
  }

  return product.available;
}

export async function notificationsOf(orderId: string): Promise<any[]> {
  const response = await api(`/notifications?orderId=${encodeURIComponent(orderId)}`);

  return response.body as any[];
}
