import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, inject, it } from 'vitest';

const endpoint = inject('awsEndpoint');
const events = new EventBridgeClient({
  region: inject('region'),
  endpoint,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});
const entry = { Source: 'test.faults', DetailType: 'Probe', Detail: '{}' };

function setFaults(method: string, body?: unknown): Promise<Response> {
  return fetch(`${endpoint}/_local/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

afterEach(async () => {
  await setFaults('DELETE');
});

describe('local fault switch', () => {
  it('fails the next PutEvents calls, then lets them through', async () => {
    const response = await setFaults('POST', { operation: 'PutEvents', count: 2 });
    expect(response.status).toBe(200);

    const outcomes: string[] = [];
    for (let call = 0; call < 3; call += 1) {
      try {
        await events.send(new PutEventsCommand({ Entries: [entry] }));
        outcomes.push('ok');
      } catch (error) {
        outcomes.push((error as Error).name);
      }
    }

    expect(outcomes).toEqual(['InternalException', 'InternalException', 'ok']);
  });

  it('rejects a rule without an operation', async () => {
    const response = await setFaults('POST', { count: 1 });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('operation');
  });

  it.each([
    ['an unknown operation', { operation: 'Bogus', count: 1 }, 'Bogus'],
    ['a zero count', { operation: 'PutEvents', count: 0 }, 'count'],
  ])('rejects %s', async (_case, body, named) => {
    const response = await setFaults('POST', body);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(named);
  });

  it('forgets a used-up failure', async () => {
    await setFaults('POST', { operation: 'PutEvents', count: 1 });
    await events.send(new PutEventsCommand({ Entries: [entry] })).catch(() => undefined);

    const listed = (await (await setFaults('GET')).json()) as { faults: unknown[] };

    expect(listed.faults).toEqual([]);
  });

  it('lists the planned failures', async () => {
    await setFaults('POST', { operation: 'PutRule', count: 3, code: 'ThrottlingException', statusCode: 400 });

    const listed = (await (await setFaults('GET')).json()) as { faults: unknown[] };

    expect(listed.faults).toEqual([
      expect.objectContaining({ operation: 'PutRule', remaining: 3, code: 'ThrottlingException', statusCode: 400 }),
    ]);
  });
});
