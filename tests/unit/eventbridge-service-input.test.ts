import { describe, expect, it } from 'vitest';
import { renderTargetInput, renderTemplate } from '../../local/eventbridge/input-transform';
import type { InputContext, TargetInput } from '../../local/eventbridge/input-transform';
import type { EventBridgeEvent } from '../../local/eventbridge/types';
import { addQueueRule, createHarness, orderEntry } from './eventbridge-service-fixtures';

const event: EventBridgeEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'OrderCreated',
  source: 'shop.orders',
  account: '000000000000',
  time: '2024-05-01T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { orderId: 'o-1', total: 42, items: [{ sku: 'a' }, { sku: 'b' }], note: 'say "hi"' },
};

const context: InputContext = {
  event,
  ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/orders',
  ruleName: 'orders',
  ingestionTime: new Date('2024-05-01T12:00:01.500Z'),
};

function transform(template: string, paths: Record<string, string> = {}): string {
  const input: TargetInput = {
    InputTransformer: { InputTemplate: template, InputPathsMap: paths },
  };

  return renderTargetInput(input, context);
}

describe('renderTargetInput', () => {
  it('sends the whole event without input settings', () => {
    expect(JSON.parse(renderTargetInput({}, context))).toEqual(event);
  });

  it('sends constant Input as it is', () => {
    expect(renderTargetInput({ Input: '{ "fixed": true }' }, context)).toBe('{ "fixed": true }');
  });

  it('sends the whole event for InputPath $', () => {
    expect(JSON.parse(renderTargetInput({ InputPath: '$' }, context))).toEqual(event);
  });

  it('sends the value at a dotted InputPath', () => {
    expect(renderTargetInput({ InputPath: '$.detail.orderId' }, context)).toBe('"o-1"');
  });

  it('follows array indexes in InputPath', () => {
    expect(renderTargetInput({ InputPath: '$.detail.items[1]' }, context)).toBe('{"sku":"b"}');
  });

  it('sends null for an InputPath that matches nothing', () => {
    expect(renderTargetInput({ InputPath: '$.detail.missing.field' }, context)).toBe('null');
  });
});

describe('InputTransformer', () => {
  it('inserts plain values into a text template', () => {
    const output = transform('<id> costs <total>', {
      id: '$.detail.orderId',
      total: '$.detail.total',
    });

    expect(output).toBe('o-1 costs 42');
  });

  it('keeps a quoted string template as a JSON string', () => {
    const output = transform('"order <id> is created"', { id: '$.detail.orderId' });

    expect(output).toBe('"order o-1 is created"');
  });

  it('quotes strings outside string literals of a JSON template', () => {
    const output = transform('{"order": <id>, "total": <total>}', {
      id: '$.detail.orderId',
      total: '$.detail.total',
    });

    expect(JSON.parse(output)).toEqual({ order: 'o-1', total: 42 });
  });

  it('inserts strings unquoted inside string literals', () => {
    const output = transform('{"text": "order <id> of <total>"}', {
      id: '$.detail.orderId',
      total: '$.detail.total',
    });

    expect(JSON.parse(output)).toEqual({ text: 'order o-1 of 42' });
  });

  it('inserts objects and arrays as JSON', () => {
    const output = transform('{"items": <items>, "first": <first>}', {
      items: '$.detail.items',
      first: '$.detail.items[0]',
    });

    expect(JSON.parse(output)).toEqual({ items: event.detail.items, first: { sku: 'a' } });
  });

  it('minifies JSON output', () => {
    const output = transform('{\n  "order" : <id>\n}', { id: '$.detail.orderId' });

    expect(output).toBe('{"order":"o-1"}');
  });

  it('keeps number and escape text when minifying', () => {
    const output = transform('{ "price" : 1.50, "text" : "a \\u00e9  b <id>" }', {
      id: '$.detail.orderId',
    });

    expect(output).toBe('{"price":1.50,"text":"a \\u00e9  b o-1"}');
  });

  it('leaves quotes in values unescaped', () => {
    const output = transform('{"note": "<note>"}', { note: '$.detail.note' });

    expect(output).toBe('{"note": "say "hi""}');
  });

  it('leaves escaped quotes inside string literals intact', () => {
    const output = transform('{"text": "say \\"<id>\\"", "id": <id>}', { id: '$.detail.orderId' });

    expect(JSON.parse(output)).toEqual({ text: 'say "o-1"', id: 'o-1' });
  });

  it('writes null for a path that matches nothing', () => {
    const output = transform('{"missing": <gone>, "text": "[<gone>]"}', { gone: '$.detail.gone' });

    expect(JSON.parse(output)).toEqual({ missing: null, text: '[]' });
  });

  it('leaves undefined placeholders as text', () => {
    expect(transform('<b>bold</b> <id>', { id: '$.detail.orderId' })).toBe('<b>bold</b> o-1');
  });

  it('fills the rule name and ARN variables', () => {
    const output = transform('{"name": <aws.events.rule-name>, "arn": "<aws.events.rule-arn>"}');

    expect(JSON.parse(output)).toEqual({ name: 'orders', arn: context.ruleArn });
  });

  it('fills the ingestion time variable', () => {
    expect(transform('<aws.events.event.ingestion-time>')).toBe('2024-05-01T12:00:01.500Z');
  });

  it('fills aws.events.event without the detail field', () => {
    const output = JSON.parse(transform('{"event": <aws.events.event>}'));
    const { detail: _detail, ...withoutDetail } = event;

    expect(output.event).toEqual(withoutDetail);
  });

  it('fills aws.events.event.json with the whole event', () => {
    const output = JSON.parse(transform('{"event": <aws.events.event.json>}'));

    expect(output.event).toEqual(event);
  });
});

describe('renderTemplate', () => {
  it('treats a template starting with [ as JSON', () => {
    expect(renderTemplate('[<a>, "<a>"]', new Map([['a', 'x']]))).toBe('["x","x"]');
  });
});

describe('EventBridgeService target input', () => {
  it('delivers the InputTransformer output', async () => {
    const harness = createHarness();
    const queue = await addQueueRule(harness, {
      name: 'orders',
      pattern: { source: ['shop.orders'] },
      target: {
        InputTransformer: {
          InputPathsMap: { id: '$.detail.orderId', eventId: '$.id' },
          InputTemplate: '{"orderId": <id>, "eventId": <eventId>, "rule": <aws.events.rule-name>}',
        },
      },
    });

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const [body] = harness.sqs.bodiesFor(queue);

    expect(JSON.parse(body ?? '{}')).toEqual({
      orderId: 'o-1',
      eventId: 'event-1',
      rule: 'orders',
    });
  });
});
