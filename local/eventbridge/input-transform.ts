import { validationError } from './errors';
import { evaluateJsonPath, parseJsonPath } from './json-path';
import { readOptionalObject, readOptionalString, readRequiredString } from './validate';
import type { ApiRequest, EventBridgeEvent, InputTransformer, Target } from './types';

export type TargetInput = Pick<Target, 'Input' | 'InputPath' | 'InputTransformer'>;

/** Event and rule data that a target's input can refer to. */
export interface InputContext {
  event: EventBridgeEvent;
  ruleArn: string;
  ruleName: string;
  ingestionTime: Date;
}

const MAX_INPUT_PATHS = 100;
const INPUT_PATHS_KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
const placeholderPattern = /<([A-Za-z0-9_.-]+)>/y;

function readInputTransformer(value: ApiRequest, label: string): InputTransformer {
  const template = readRequiredString(value, 'InputTemplate', { maxLength: 8192 });
  const pathsMap = readOptionalObject(value, 'InputPathsMap');
  if (!pathsMap) {
    return { InputTemplate: template };
  }
  const entries = Object.entries(pathsMap);
  if (entries.length > MAX_INPUT_PATHS) {
    const count = entries.length;
    throw validationError(
      `${label}: InputPathsMap has ${count} keys, but at most ${MAX_INPUT_PATHS} are allowed.`,
    );
  }
  const paths: Record<string, string> = {};
  for (const [key, path] of entries) {
    if (!INPUT_PATHS_KEY_PATTERN.test(key)) {
      throw validationError(
        `${label}: InputPathsMap key "${key}" is not valid: it must match [A-Za-z0-9_-]+, ` +
          `and names starting with "aws." are reserved.`,
      );
    }
    if (typeof path !== 'string') {
      const message = `${label}: InputPathsMap value of "${key}" must be a JSONPath string.`;
      throw validationError(message);
    }
    parseJsonPath(`${label}: InputPathsMap value of "${key}"`, path);
    paths[key] = path;
  }

  return { InputPathsMap: paths, InputTemplate: template };
}

/** Reads and validates the Input, InputPath and InputTransformer of a PutTargets target. */
export function readTargetInput(target: ApiRequest, label: string): TargetInput {
  const input = readOptionalString(target, 'Input', { maxLength: 8192 });
  const inputPath = readOptionalString(target, 'InputPath', { maxLength: 256 });
  const transformer = readOptionalObject(target, 'InputTransformer');
  const settings = [input, inputPath, transformer];
  const setCount = settings.filter((value) => value !== undefined).length;
  if (setCount > 1) {
    throw validationError(
      `${label}: set at most one of Input, InputPath and InputTransformer.`,
    );
  }
  if (input !== undefined) {
    try {
      JSON.parse(input);
    } catch {
      throw validationError(`${label}: Input must be valid JSON text.`);
    }

    return { Input: input };
  }
  if (inputPath !== undefined) {
    parseJsonPath(`${label}: InputPath`, inputPath);

    return { InputPath: inputPath };
  }
  if (transformer !== undefined) {
    return { InputTransformer: readInputTransformer(transformer, label) };
  }

  return {};
}

/**
 * Values of the predefined variables. As the EventBridge User Guide (input transformation)
 * describes, `aws.events.event` is the event without its `detail` field and
 * `aws.events.event.json` is the whole event.
 */
function predefinedValues(context: InputContext): Map<string, unknown> {
  const { detail: _detail, ...eventWithoutDetail } = context.event;

  return new Map<string, unknown>([
    ['aws.events.rule-arn', context.ruleArn],
    ['aws.events.rule-name', context.ruleName],
    ['aws.events.event.ingestion-time', context.ingestionTime.toISOString()],
    ['aws.events.event', eventWithoutDetail],
    ['aws.events.event.json', context.event],
  ]);
}

/**
 * Formats one substituted value. Inside a JSON string literal, and anywhere in a template
 * that is not JSON, strings go in as they are, without escaping, as on AWS. Outside string
 * literals of a JSON template they go in as JSON strings. Other values always go in as JSON.
 */
function formatValue(value: unknown, inString: boolean, jsonTemplate: boolean): string {
  const asJson = jsonTemplate && !inString;
  // NOTE: a path that matches nothing gives null in JSON and empty text elsewhere. AWS
  // documents only that such a variable "isn't created".
  if (value === undefined) {
    return asJson ? 'null' : '';
  }
  if (typeof value === 'string') {
    return asJson ? JSON.stringify(value) : value;
  }

  return JSON.stringify(value);
}

/** Replaces the `<name>` placeholders whose name is in `values` and keeps other text. */
export function renderTemplate(template: string, values: Map<string, unknown>): string {
  const jsonTemplate = /^\s*[{[]/.test(template);
  let output = '';
  let inString = false;
  let index = 0;
  while (index < template.length) {
    const char = template.charAt(index);
    placeholderPattern.lastIndex = index;
    const placeholder = char === '<' ? placeholderPattern.exec(template) : null;
    if (placeholder && values.has(placeholder[1] ?? '')) {
      output += formatValue(values.get(placeholder[1] ?? ''), inString, jsonTemplate);
      index += placeholder[0].length;
      continue;
    }
    const length = char === '\\' && inString ? 2 : 1;
    if (char === '"') {
      inString = !inString;
    }
    output += template.slice(index, index + length);
    index += length;
  }

  return jsonTemplate ? minifyJson(output) : output;
}

/**
 * Minifies JSON output, as AWS does, by dropping whitespace outside string literals, so
 * numbers and escapes keep their text. Output that is not valid JSON stays as it is.
 */
function minifyJson(text: string): string {
  try {
    JSON.parse(text);
  } catch {
    return text;
  }
  let output = '';
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (inString && char === '\\') {
      output += text.slice(index, index + 2);
      index += 1;
      continue;
    }
    if (char === '"') {
      inString = !inString;
    }
    if (inString || !/\s/.test(char)) {
      output += char;
    }
  }

  return output;
}

function renderTransformer(transformer: InputTransformer, context: InputContext): string {
  const values = predefinedValues(context);
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    values.set(name, evaluateJsonPath(parseJsonPath(name, path), context.event));
  }

  return renderTemplate(transformer.InputTemplate, values);
}

/** Returns the message body that a target receives for an event. */
export function renderTargetInput(input: TargetInput, context: InputContext): string {
  if (input.Input !== undefined) {
    return input.Input;
  }
  if (input.InputPath !== undefined) {
    const value = evaluateJsonPath(parseJsonPath('InputPath', input.InputPath), context.event);
    // NOTE: a path that matches nothing sends JSON null. AWS does not document this case.
    return JSON.stringify(value ?? null);
  }
  if (input.InputTransformer !== undefined) {
    return renderTransformer(input.InputTransformer, context);
  }

  return JSON.stringify(context.event);
}
