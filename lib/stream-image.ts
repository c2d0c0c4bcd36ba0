import type { AttributeValue } from 'aws-lambda';

/**
 * Converts a DynamoDB Streams image (attribute values in the DynamoDB JSON format) into
 * a plain object. Numbers become JS numbers, sets become arrays, and binary values stay
 * base64 strings.
 */
export function fromImage(image: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, fromAttributeValue(value)]),
  );
}

/** Converts one attribute value in the DynamoDB JSON format into a plain value. */
export function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) {
    return value.S;
  }
  if (value.N !== undefined) {
    return Number(value.N);
  }
  if (value.BOOL !== undefined) {
    return value.BOOL;
  }
  if (value.NULL !== undefined) {
    return null;
  }
  if (value.M !== undefined) {
    return fromImage(value.M);
  }
  if (value.L !== undefined) {
    return value.L.map(fromAttributeValue);
  }
  if (value.SS !== undefined) {
    return [...value.SS];
  }
  if (value.NS !== undefined) {
    return value.NS.map(Number);
  }

  return value.B ?? value.BS;
}
