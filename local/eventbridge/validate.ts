import { validationError } from './errors';
import type { ApiRequest } from './types';

export interface StringConstraints {
  minLength?: number;
  maxLength?: number;
  /** Pattern the whole value must match. */
  pattern?: RegExp;
}

/** Character set of rule names and target ids, as in the EventBridge API reference. */
export const NAME_PATTERN = /^[.\-_A-Za-z0-9]+$/;

export function asRequest(request: unknown): ApiRequest {
  if (request === undefined || request === null) {
    return {};
  }
  if (typeof request !== 'object' || Array.isArray(request)) {
    throw validationError('The request body must be a JSON object.');
  }

  return request as ApiRequest;
}

function checkString(field: string, value: string, constraints: StringConstraints): string {
  const { minLength = 0, maxLength = Infinity, pattern } = constraints;
  if (value.length < minLength || value.length > maxLength) {
    const range =
      maxLength === Infinity ? `at least ${minLength}` : `${minLength} to ${maxLength}`;
    throw validationError(`${field} must have ${range} characters, but has ${value.length}.`);
  }
  if (pattern && !pattern.test(value)) {
    throw validationError(`${field} "${value}" is not valid: it must match ${pattern.source}.`);
  }

  return value;
}

export function readOptionalString(
  request: ApiRequest,
  field: string,
  constraints: StringConstraints = {},
): string | undefined {
  const value = request[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw validationError(`${field} must be a string.`);
  }

  return checkString(field, value, constraints);
}

export function readRequiredString(
  request: ApiRequest,
  field: string,
  constraints: StringConstraints = {},
): string {
  const value = readOptionalString(request, field, { minLength: 1, ...constraints });
  if (value === undefined) {
    throw validationError(`${field} is required.`);
  }

  return value;
}

export function readOptionalInteger(
  request: ApiRequest,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const value = request[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const message = `${field} must be an integer from ${min} to ${max}, but is ${String(value)}.`;
    throw validationError(message);
  }

  return value;
}

export function readOptionalObject(request: ApiRequest, field: string): ApiRequest | undefined {
  const value = request[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw validationError(`${field} must be an object.`);
  }

  return value as ApiRequest;
}

export function readArray(
  request: ApiRequest,
  field: string,
  minItems: number,
  maxItems: number,
): unknown[] {
  const value = request[field];
  if (!Array.isArray(value)) {
    throw validationError(`${field} is required and must be a list.`);
  }
  if (value.length < minItems || value.length > maxItems) {
    throw validationError(
      `${field} must have ${minItems} to ${maxItems} items, but has ${value.length}.`,
    );
  }

  return value;
}
