/**
 * Translation between the SQS query protocol (form-encoded requests, XML responses) and the
 * SQS JSON protocol that fauxqs serves. Member names follow the SQS 2012-11-05 query model
 * as botocore ships it: query lists and maps are flattened and named by their member.
 */

/** SQS operations that the query protocol carries, by their `Action` name. */
export const SQS_QUERY_ACTIONS: ReadonlySet<string> = new Set([
  'AddPermission', 'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch', 'CreateQueue',
  'DeleteMessage', 'DeleteMessageBatch', 'DeleteQueue', 'GetQueueAttributes', 'GetQueueUrl',
  'ListDeadLetterSourceQueues', 'ListQueueTags', 'ListQueues', 'PurgeQueue', 'ReceiveMessage',
  'RemovePermission', 'SendMessage', 'SendMessageBatch', 'SetQueueAttributes', 'TagQueue',
  'UntagQueue',
]);

/** Flattened query lists: query member name to JSON member name. */
const QUERY_LISTS: Readonly<Record<string, string>> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  AWSAccountId: 'AWSAccountIds',
  ActionName: 'Actions',
  TagKey: 'TagKeys',
  StringListValue: 'StringListValues',
  BinaryListValue: 'BinaryListValues',
  ChangeMessageVisibilityBatchRequestEntry: 'Entries',
  DeleteMessageBatchRequestEntry: 'Entries',
  SendMessageBatchRequestEntry: 'Entries',
};

interface MapMember {
  json: string;
  key: string;
  value: string;
}

/** Flattened query maps: query member name to JSON member name and entry field names. */
const QUERY_MAPS: Readonly<Record<string, MapMember>> = {
  Attribute: { json: 'Attributes', key: 'Name', value: 'Value' },
  MessageAttribute: { json: 'MessageAttributes', key: 'Name', value: 'Value' },
  MessageSystemAttribute: { json: 'MessageSystemAttributes', key: 'Name', value: 'Value' },
  Tag: { json: 'tags', key: 'Key', value: 'Value' },
  Tags: { json: 'Tags', key: 'Key', value: 'Value' },
};

/** Members that the JSON protocol types as integers. */
const INTEGER_MEMBERS = new Set([
  'DelaySeconds', 'MaxNumberOfMessages', 'MaxResults', 'VisibilityTimeout', 'WaitTimeSeconds',
]);

type ParamTree = { [name: string]: ParamTree | string };

/** Splits `A.1.B=x` parameters into nested objects: `{A: {1: {B: 'x'}}}`. */
function toTree(params: Iterable<[string, string]>): ParamTree {
  const root: ParamTree = {};
  for (const [name, value] of params) {
    const parts = name.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const child = node[part];
      node = typeof child === 'object' ? child : (node[part] = {});
    }
    node[parts.at(-1) as string] = value;
  }

  return root;
}

/** Returns the values of a `{1: a, 2: b}` node in index order. */
function indexed(node: ParamTree | string): (ParamTree | string)[] {
  if (typeof node === 'string') {
    return [node];
  }

  return Object.keys(node)
    .sort((a, b) => Number(a) - Number(b))
    .map((index) => node[index] as ParamTree | string);
}

function toJsonValue(name: string, node: ParamTree | string): unknown {
  if (typeof node === 'string') {
    return INTEGER_MEMBERS.has(name) ? Number(node) : node;
  }

  return toJsonObject(node);
}

function toJsonObject(tree: ParamTree): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, node] of Object.entries(tree)) {
    const listName = QUERY_LISTS[name];
    const map = QUERY_MAPS[name];
    if (listName !== undefined) {
      result[listName] = indexed(node).map((item) => toJsonValue(name, item));
    } else if (map !== undefined) {
      const entries = indexed(node).map((entry) => {
        const fields = typeof entry === 'string' ? {} : entry;

        return [String(fields[map.key]), toJsonValue(map.value, fields[map.value] ?? '')];
      });
      result[map.json] = Object.fromEntries(entries);
    } else {
      result[name] = toJsonValue(name, node);
    }
  }

  return result;
}

/** Converts the parameters of a query request, less Action and Version, to a JSON request. */
export function queryToJsonRequest(params: URLSearchParams): Record<string, unknown> {
  const tree = toTree([...params].filter(([name]) => name !== 'Action' && name !== 'Version'));
  const request = toJsonObject(tree);
  if (params.get('Action') === 'TagQueue' && request.tags !== undefined) {
    request.Tags = request.tags;
    delete request.tags;
  }

  return request;
}

/** Element name of each item of a JSON list in a query response. */
const RESPONSE_LIST_ITEMS: Readonly<Record<string, string>> = {
  QueueUrls: 'QueueUrl',
  queueUrls: 'QueueUrl',
  Messages: 'Message',
  Failed: 'BatchResultErrorEntry',
  StringListValues: 'StringListValue',
  BinaryListValues: 'BinaryListValue',
};

/** Response maps: JSON member name to the flattened entry's element and field names. */
const RESPONSE_MAPS: Readonly<Record<string, MapMember>> = {
  Attributes: { json: 'Attribute', key: 'Name', value: 'Value' },
  MessageAttributes: { json: 'MessageAttribute', key: 'Name', value: 'Value' },
  Tags: { json: 'Tag', key: 'Key', value: 'Value' },
};

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\r', '&#xD;');
}

function toXml(name: string, value: unknown, action: string): string {
  if (Array.isArray(value)) {
    const item = name === 'Successful' ? `${action}ResultEntry` : (RESPONSE_LIST_ITEMS[name] ?? name);

    return value.map((entry) => toXml(item, entry, action)).join('');
  }
  const map = RESPONSE_MAPS[name];
  if (map !== undefined && typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([key, entry]) => {
        const fields = `<${map.key}>${escapeXml(key)}</${map.key}>${toXml(map.value, entry, action)}`;

        return `<${map.json}>${fields}</${map.json}>`;
      })
      .join('');
  }
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([member, entry]) => toXml(member, entry, action));

    return `<${name}>${members.join('')}</${name}>`;
  }

  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** Renders a JSON protocol result as the query protocol's `<ActionResponse>` document. */
export function jsonToQueryResponse(action: string, result: object, requestId: string): string {
  const members = Object.entries(result).map(([name, value]) => toXml(name, value, action));

  return (
    `<?xml version="1.0"?><${action}Response xmlns="${XMLNS}">` +
    `<${action}Result>${members.join('')}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** Renders an error as the query protocol's `<ErrorResponse>` document. */
export function queryErrorResponse(
  error: { type: 'Sender' | 'Receiver'; code: string; message: string },
  requestId: string,
): string {
  const fields =
    `<Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message><Detail/>`;

  return (
    `<?xml version="1.0"?><ErrorResponse xmlns="${XMLNS}">` +
    `<Error>${fields}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
