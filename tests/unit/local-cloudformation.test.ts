import { describe, expect, it } from 'vitest';

import { resolveIntrinsics, UnresolvableIntrinsicError, type IntrinsicContext } from '../../local/cloudformation/intrinsics';
import { readResources } from '../../local/cloudformation/template';

const options = { region: 'us-east-1', accountId: '000000000000', stackName: 'shop-dev', endpoint: 'http://127.0.0.1:4566' };

const template = {
  Resources: {
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'shop-dev' } },
    Queue: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: 'work',
        VisibilityTimeout: 30,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DeadLetters', 'Arn'] }, maxReceiveCount: 3 },
      },
    },
    DeadLetters: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'work-dlq' } },
    Rule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        Name: 'route',
        EventBusName: { Ref: 'Bus' },
        EventPattern: { source: ['shop.orders'] },
        Targets: [{ Id: 'q', Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, Input: { fixed: true } }],
      },
    },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'shop-dev-work', Timeout: 5 } },
    Mapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
        FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] },
        BatchSize: 5,
        MaximumBatchingWindowInSeconds: 2,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    },
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: 'items',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      },
    },
  },
};

describe('packaged template reader', () => {
  const resources = readResources(template, options);

  it('resolves queue attributes and the redrive target', () => {
    const queue = resources.queues.find((candidate) => candidate.name === 'work');

    expect(queue?.url).toBe('http://127.0.0.1:4566/000000000000/work');
    expect(queue?.attributes.VisibilityTimeout).toBe('30');
    expect(JSON.parse(queue?.attributes.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:work-dlq',
      maxReceiveCount: 3,
    });
  });

  it('places a rule on its bus with its targets', () => {
    const rule = resources.rules[0];

    expect(rule?.eventBusName).toBe('shop-dev');
    expect(rule?.eventPattern).toBe('{"source":["shop.orders"]}');
    expect(rule?.targets[0]?.Arn).toBe('arn:aws:sqs:us-east-1:000000000000:work');
    expect(rule?.targets[0]?.Input).toBe('{"fixed":true}');
  });

  it('reads an event source mapping', () => {
    expect(resources.eventSourceMappings).toEqual([
      expect.objectContaining({
        functionName: 'shop-dev-work',
        eventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:work',
        batchSize: 5,
        maximumBatchingWindowInSeconds: 2,
        reportBatchItemFailures: true,
        enabled: true,
      }),
    ]);
  });

  it('keeps only CreateTable properties of a table', () => {
    const definition = resources.tables[0]?.definition;

    expect(definition?.TableName).toBe('items');
    expect(definition?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(definition).not.toHaveProperty('PointInTimeRecoverySpecification');
  });
});

describe('intrinsic functions', () => {
  const context: IntrinsicContext = {
    region: 'eu-west-1',
    accountId: '123456789012',
    stackName: 'stack',
    resources: new Map([['Thing', { ref: 'thing-name', attributes: { Arn: 'arn:thing' } }]]),
  };

  it('substitutes pseudo parameters, refs and attributes', () => {
    const value = resolveIntrinsics({ 'Fn::Sub': '${AWS::Region}/${AWS::AccountId}/${Thing}/${Thing.Arn}' }, context);

    expect(value).toBe('eu-west-1/123456789012/thing-name/arn:thing');
  });

  it('joins and selects', () => {
    expect(resolveIntrinsics({ 'Fn::Join': ['-', ['a', { Ref: 'Thing' }]] }, context)).toBe('a-thing-name');
    expect(resolveIntrinsics({ 'Fn::Select': [1, ['a', 'b']] }, context)).toBe('b');
  });

  it('rejects a ref to an unknown resource', () => {
    expect(() => resolveIntrinsics({ Ref: 'Missing' }, context)).toThrow(UnresolvableIntrinsicError);
  });
});
