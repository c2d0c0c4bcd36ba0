import { describe, expect, it } from 'vitest';
import {
  InvalidEventError,
  InvalidEventPatternError,
  compileEventPattern,
  matchesEventPattern,
  testEventPattern,
} from '../../local/eventbridge/pattern/index';

type Outcome = 'match' | 'no match';

interface MatchCase {
  readonly name: string;
  readonly pattern: unknown;
  readonly event: Record<string, unknown>;
  readonly outcome: Outcome;
}

const instanceArn = 'arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0';

/** Builds an EventBridge event envelope around `detail`, with fields to override. */
function event(
  detail: unknown,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '111122223333',
    time: '2017-12-22T18:43:48Z',
    region: 'us-west-1',
    resources: [instanceArn],
    detail,
    ...fields,
  };
}

function matchCase(
  name: string,
  pattern: unknown,
  ev: Record<string, unknown>,
  outcome: Outcome,
): MatchCase {
  return { name, pattern, event: ev, outcome };
}

const employees = {
  employees: [
    { firstName: 'John', lastName: 'Doe' },
    { firstName: 'Anna', lastName: 'Smith' },
    { firstName: 'Peter', lastName: 'Jones' },
  ],
};

const exactCases: MatchCase[] = [
  matchCase(
    'source in list matches',
    { source: ['aws.ec2', 'aws.fargate'] },
    event({}),
    'match',
  ),
  matchCase('string is case-sensitive', { source: ['AWS.EC2'] }, event({}), 'no match'),
  matchCase(
    'number literal matches',
    { detail: { risk: [80] } },
    event({ risk: 80 }),
    'match',
  ),
  matchCase(
    'number matches by value',
    { detail: { risk: [80] } },
    event({ risk: 8.0e1 }),
    'match',
  ),
  matchCase(
    'string "80" is not 80',
    { detail: { risk: ['80'] } },
    event({ risk: 80 }),
    'no match',
  ),
  matchCase(
    '80 is not string "80"',
    { detail: { risk: [80] } },
    event({ risk: '80' }),
    'no match',
  ),
  matchCase('null matches null', { detail: { r: [null] } }, event({ r: null }), 'match'),
  matchCase('null needs the field', { detail: { r: [null] } }, event({}), 'no match'),
  matchCase('empty string matches', { detail: { v: [''] } }, event({ v: '' }), 'match'),
  matchCase(
    'empty string is not null',
    { detail: { v: [''] } },
    event({ v: null }),
    'no match',
  ),
  matchCase(
    'null is not empty string',
    { detail: { v: [null] } },
    event({ v: '' }),
    'no match',
  ),
  matchCase(
    'true is not "true"',
    { detail: { b: [true] } },
    event({ b: 'true' }),
    'no match',
  ),
  matchCase(
    'nested field matches',
    { detail: { 'risk-score': [80], trigger: { risk: [8] } } },
    event({ 'risk-score': 80, trigger: { risk: 8 } }),
    'match',
  ),
  matchCase(
    'field must exist',
    { detail: { state: ['running'] } },
    event({}),
    'no match',
  ),
];

const arrayCases: MatchCase[] = [
  matchCase(
    'event array intersects pattern',
    { resources: ['arn:x', instanceArn] },
    event({}),
    'match',
  ),
  matchCase(
    'number in event array',
    { detail: { ids: [3] } },
    event({ ids: [1, 2, 3] }),
    'match',
  ),
  matchCase(
    'object array element matches',
    { detail: { employees: { firstName: ['Anna'] } } },
    event(employees),
    'match',
  ),
  matchCase(
    'fields from different elements',
    { detail: { employees: { firstName: ['Anna'], lastName: ['Jones'] } } },
    event(employees),
    'no match',
  ),
  matchCase(
    'fields from one element',
    { detail: { employees: { firstName: ['Anna'], lastName: ['Smith'] } } },
    event(employees),
    'match',
  ),
  matchCase(
    'nested arrays are flattened',
    { detail: { employees: { firstName: ['Peter'] } } },
    event({ employees: [[{ firstName: 'John' }], [{ firstName: 'Peter' }]] }),
    'match',
  ),
];

const stringCases: MatchCase[] = [
  matchCase('prefix matches', { region: [{ prefix: 'us-' }] }, event({}), 'match'),
  matchCase(
    'prefix skips numbers',
    { detail: { n: [{ prefix: '1' }] } },
    event({ n: 12 }),
    'no match',
  ),
  matchCase(
    'prefix ignoring case',
    { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    event({ service: 'eventbridge' }),
    'match',
  ),
  matchCase(
    'suffix is case-sensitive',
    { detail: { file: [{ suffix: '.png' }] } },
    event({ file: 'image.PNG' }),
    'no match',
  ),
  matchCase(
    'suffix ignoring case',
    { detail: { service: [{ suffix: { 'equals-ignore-case': 'tBridge' } }] } },
    event({ service: 'EVENTBRIDGE' }),
    'match',
  ),
  matchCase(
    'equals-ignore-case matches',
    { detail: { name: [{ 'equals-ignore-case': 'alice' }] } },
    event({ name: 'ALICE' }),
    'match',
  ),
  matchCase(
    'equals-ignore-case skips numbers',
    { detail: { name: [{ 'equals-ignore-case': '5' }] } },
    event({ name: 5 }),
    'no match',
  ),
];

const anythingButCases: MatchCase[] = [
  matchCase(
    'anything-but string',
    { detail: { state: [{ 'anything-but': 'initializing' }] } },
    event({ state: 'running' }),
    'match',
  ),
  matchCase(
    'anything-but number list',
    { detail: { x: [{ 'anything-but': [100, 200, 300] }] } },
    event({ x: 100 }),
    'no match',
  ),
  matchCase(
    'anything-but number vs string',
    { detail: { x: [{ 'anything-but': 123 }] } },
    event({ x: '123' }),
    'match',
  ),
  matchCase(
    'anything-but prefix',
    { region: [{ 'anything-but': { prefix: 'us-' } }] },
    event({}, { region: 'eu-west-1' }),
    'match',
  ),
  matchCase(
    'anything-but prefix list',
    { detail: { state: [{ 'anything-but': { prefix: ['init', 'error'] } }] } },
    event({ state: 'error-42' }),
    'no match',
  ),
  matchCase(
    'anything-but suffix',
    { detail: { file: [{ 'anything-but': { suffix: '.png' } }] } },
    event({ file: 'a.png' }),
    'no match',
  ),
  matchCase(
    'anything-but suffix list',
    { detail: { id: [{ 'anything-but': { suffix: ['1234', '6789'] } }] } },
    event({ id: 'i-0005' }),
    'match',
  ),
  matchCase(
    'anything-but ignore case',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'Stopped' } }] } },
    event({ state: 'STOPPED' }),
    'no match',
  ),
  matchCase(
    'anything-but wildcard excludes',
    { detail: { path: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    event({ path: '/usr/lib/libc.so' }),
    'no match',
  ),
  matchCase(
    'anything-but wildcard list',
    { detail: { path: [{ 'anything-but': { wildcard: ['*/bin/*.jar', '*/bin/*.c'] } }] } },
    event({ path: '/opt/bin/app.war' }),
    'match',
  ),
  matchCase(
    'anything-but on event array',
    { detail: { state: [{ 'anything-but': 'initializing' }] } },
    event({ state: ['initializing', 'running'] }),
    'match',
  ),
  matchCase(
    'anything-but needs the field',
    { detail: { state: [{ 'anything-but': 'initializing' }] } },
    event({}),
    'no match',
  ),
];

const numericCases: MatchCase[] = [
  matchCase(
    'range includes upper bound',
    { detail: { c: [{ numeric: ['>', 0, '<=', 5] }] } },
    event({ c: 5 }),
    'match',
  ),
  matchCase(
    'range excludes lower bound',
    { detail: { c: [{ numeric: ['>', 0, '<=', 5] }] } },
    event({ c: 0 }),
    'no match',
  ),
  matchCase(
    'range excludes upper bound',
    { detail: { c: [{ numeric: ['>=', 10, '<', 20] }] } },
    event({ c: 20 }),
    'no match',
  ),
  matchCase(
    'numeric equals exponent form',
    { detail: { x: [{ numeric: ['=', 3.018e2] }] } },
    event({ x: 301.8 }),
    'match',
  ),
  matchCase(
    'numeric below zero',
    { detail: { x: [{ numeric: ['<', 0] }] } },
    event({ x: -0.5 }),
    'match',
  ),
  matchCase(
    'numeric skips strings',
    { detail: { x: [{ numeric: ['>', 1] }] } },
    event({ x: '5' }),
    'no match',
  ),
  matchCase(
    'numeric skips out-of-range values',
    { detail: { x: [{ numeric: ['>', 0] }] } },
    event({ x: 6e9 }),
    'no match',
  ),
  matchCase(
    'numeric on event array',
    { detail: { x: [{ numeric: ['>', 10] }] } },
    event({ x: [1, 50] }),
    'match',
  ),
];

const existsCases: MatchCase[] = [
  matchCase(
    'exists true',
    { detail: { state: [{ exists: true }] } },
    event({ state: 'a' }),
    'match',
  ),
  matchCase(
    'exists true on null',
    { detail: { state: [{ exists: true }] } },
    event({ state: null }),
    'match',
  ),
  matchCase(
    'exists false on missing',
    { detail: { c: [{ exists: false }] } },
    event({}),
    'match',
  ),
  matchCase(
    'exists false on object',
    { detail: { c: [{ exists: false }] } },
    event({ c: { c1: 100 } }),
    'match',
  ),
  matchCase(
    'exists true on object',
    { detail: { c: [{ exists: true }] } },
    event({ c: { c1: 100 } }),
    'no match',
  ),
  matchCase(
    'exists false on empty array',
    { detail: { c: [{ exists: false }] } },
    event({ c: [] }),
    'match',
  ),
  matchCase(
    'exists true on empty array',
    { detail: { c: [{ exists: true }] } },
    event({ c: [] }),
    'no match',
  ),
  matchCase(
    'exists false, field in an element',
    { detail: { items: { a: [{ exists: false }] } } },
    event({ items: [{ a: 1 }, { b: 2 }] }),
    'no match',
  ),
  matchCase(
    'exists false, field in no element',
    { detail: { items: { a: [{ exists: false }] } } },
    event({ items: [{ b: 1 }, { b: 2 }] }),
    'match',
  ),
  matchCase(
    'exists false or a value',
    { detail: { s: [{ 'anything-but': ['roses'] }, { exists: false }] } },
    event({}),
    'match',
  ),
];

const cidrCases: MatchCase[] = [
  matchCase(
    'IPv4 inside CIDR',
    { detail: { ip: [{ cidr: '10.0.0.0/24' }] } },
    event({ ip: '10.0.0.255' }),
    'match',
  ),
  matchCase(
    'IPv4 outside CIDR',
    { detail: { ip: [{ cidr: '10.0.0.0/24' }] } },
    event({ ip: '10.0.1.0' }),
    'no match',
  ),
  matchCase(
    'IPv6 inside CIDR',
    { detail: { ip: [{ cidr: '2001:db8::/32' }] } },
    event({ ip: '2001:db8:1234::1' }),
    'match',
  ),
  matchCase(
    'IPv6 outside CIDR',
    { detail: { ip: [{ cidr: '2001:db8::/32' }] } },
    event({ ip: '2001:db9::1' }),
    'no match',
  ),
  matchCase(
    'IPv6 CIDR with odd mask',
    { detail: { ip: [{ cidr: 'fe80::/10' }] } },
    event({ ip: 'febf:ffff::1' }),
    'match',
  ),
  matchCase(
    'IPv6 exact, other spelling',
    { detail: { ip: ['2001:db8::1'] } },
    event({ ip: '2001:0db8:0:0:0:0:0:1' }),
    'match',
  ),
  matchCase(
    'CIDR skips non-addresses',
    { detail: { ip: [{ cidr: '10.0.0.0/8' }] } },
    event({ ip: 'ten.0.0.1' }),
    'no match',
  ),
  matchCase(
    'IPv4 CIDR skips IPv6',
    { detail: { ip: [{ cidr: '0.0.0.0/0' }] } },
    event({ ip: '::1' }),
    'no match',
  ),
];

const wildcardCases: MatchCase[] = [
  matchCase(
    'wildcard suffix',
    { detail: { f: [{ wildcard: '*.png' }] } },
    event({ f: 'dir/a.png' }),
    'match',
  ),
  matchCase(
    'wildcard spans slashes',
    { detail: { f: [{ wildcard: 'dir/*.png' }] } },
    event({ f: 'dir/sub/a.png' }),
    'match',
  ),
  matchCase(
    'escaped asterisk is literal',
    { detail: { f: [{ wildcard: 'file\\*name' }] } },
    event({ f: 'file*name' }),
    'match',
  ),
  matchCase(
    'escaped asterisk is no wildcard',
    { detail: { f: [{ wildcard: 'file\\*name' }] } },
    event({ f: 'filexname' }),
    'no match',
  ),
  matchCase(
    'escaped backslash is literal',
    { detail: { f: [{ wildcard: 'C:\\\\*' }] } },
    event({ f: 'C:\\Windows' }),
    'match',
  ),
  matchCase(
    'empty wildcard',
    { detail: { f: [{ wildcard: '' }] } },
    event({ f: '' }),
    'match',
  ),
  matchCase(
    'wildcard skips numbers',
    { detail: { f: [{ wildcard: '*' }] } },
    event({ f: 1 }),
    'no match',
  ),
];

const orPattern = {
  source: ['aws.cloudwatch'],
  $or: [
    { metricName: ['CPUUtilization'] },
    { metricType: ['MetricType'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
    { scope: ['Service'] },
  ],
};

const orCases: MatchCase[] = [
  matchCase(
    '$or second alternative',
    { detail: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] } },
    event({ Day: 'Monday' }),
    'match',
  ),
  matchCase(
    '$or no alternative',
    { detail: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] } },
    event({ Day: 'Friday' }),
    'no match',
  ),
  matchCase(
    '$or nested alternative',
    orPattern,
    { source: 'aws.cloudwatch', metricType: 'MetricType', spaceId: 1000 },
    'match',
  ),
  matchCase(
    '$or nested needs inner match',
    orPattern,
    { source: 'aws.cloudwatch', metricType: 'MetricType' },
    'no match',
  ),
  matchCase(
    '$or keeps sibling fields',
    orPattern,
    { source: 'aws.ec2', metricName: 'CPUUtilization' },
    'no match',
  ),
  matchCase(
    '$or at two levels',
    {
      $or: [{ region: ['eu-west-1'] }, { account: ['111122223333'] }],
      detail: { $or: [{ state: ['running'] }, { code: [16] }] },
    },
    event({ code: 16 }),
    'match',
  ),
];

const pathCases: MatchCase[] = [
  matchCase(
    'dotted pattern key',
    { 'detail.state': ['running'] },
    event({ state: 'running' }),
    'match',
  ),
  matchCase(
    'dotted event key',
    { detail: { state: { status: ['running'] } } },
    event({ 'state.status': 'running' }),
    'match',
  ),
  matchCase(
    'later duplicate path wins',
    { detail: { state: ['stopped'] }, 'detail.state': ['running'] },
    event({ state: 'running' }),
    'match',
  ),
];

const matchCases = [
  ...exactCases,
  ...arrayCases,
  ...stringCases,
  ...anythingButCases,
  ...numericCases,
  ...existsCases,
  ...cidrCases,
  ...wildcardCases,
  ...orCases,
  ...pathCases,
];

/** Fourteen sibling `$or` pairs expand to 2^14 alternatives. */
const orBomb = Array.from({ length: 14 }, (_, i) => [
  `f${i}`,
  { $or: [{ a: ['1'] }, { b: ['2'] }] },
]);

/** Patterns that EventBridge rejects: [name, pattern JSON]. */
const invalidPatterns: [string, string][] = [
  ['invalid JSON', '{"source": ['],
  ['array pattern', '["aws.ec2"]'],
  ['empty pattern', '{}'],
  ['string leaf', '{"source": "aws.ec2"}'],
  ['empty value list', '{"source": []}'],
  ['empty nested object', '{"detail": {}}'],
  ['array inside value list', '{"source": [["aws.ec2"]]}'],
  ['unknown operator', '{"source": [{"contains": "ec2"}]}'],
  ['operator in capitals', '{"source": [{"Prefix": "aws"}]}'],
  ['two operators', '{"source": [{"prefix": "a", "suffix": "b"}]}'],
  ['empty match expression', '{"source": [{}]}'],
  ['prefix with number', '{"source": [{"prefix": 1}]}'],
  ['suffix object other key', '{"source": [{"suffix": {"wildcard": "a"}}]}'],
  ['ignore-case list', '{"source": [{"equals-ignore-case": ["a"]}]}'],
  ['numeric string operand', '{"n": [{"numeric": [">", "5"]}]}'],
  ['numeric bad operator', '{"n": [{"numeric": ["<>", 5]}]}'],
  ['numeric reversed range', '{"n": [{"numeric": [">", 10, "<", 5]}]}'],
  ['numeric empty range', '{"n": [{"numeric": [">=", 5, "<=", 5]}]}'],
  ['numeric upper then lower', '{"n": [{"numeric": ["<", 5, ">", 1]}]}'],
  ['numeric too large', '{"n": [{"numeric": [">", 5000000001]}]}'],
  ['numeric too many terms', '{"n": [{"numeric": [">", 1, "<", 5, 6]}]}'],
  ['numeric not array', '{"n": [{"numeric": 5}]}'],
  ['anything-but mixed list', '{"s": [{"anything-but": ["a", 1]}]}'],
  ['anything-but empty list', '{"s": [{"anything-but": []}]}'],
  ['anything-but null', '{"s": [{"anything-but": null}]}'],
  ['anything-but empty prefix', '{"s": [{"anything-but": {"prefix": ""}}]}'],
  ['anything-but numeric', '{"s": [{"anything-but": {"numeric": [">", 1]}}]}'],
  ['exists as string', '{"s": [{"exists": "true"}]}'],
  ['cidr without mask', '{"ip": [{"cidr": "10.0.0.0"}]}'],
  ['cidr bad mask', '{"ip": [{"cidr": "10.0.0.0/abc"}]}'],
  ['cidr IPv6 mask 128', '{"ip": [{"cidr": "2001:db8::1/128"}]}'],
  ['cidr bad IPv6', '{"ip": [{"cidr": "2001:db8:::1/64"}]}'],
  ['wildcard double asterisk', '{"f": [{"wildcard": "a**b"}]}'],
  ['wildcard bad escape', '{"f": [{"wildcard": "a\\\\db"}]}'],
  ['wildcard too complex', '{"f": [{"wildcard": "*a*b*c*d*e*f*"}]}'],
  [
    'wildcard list too complex',
    '{"f": [{"wildcard": "*.bif"}, {"wildcard": "*.tif"}, {"wildcard": "*.tiff"}, ' +
      '{"wildcard": "*.svs"}]}',
  ],
  ['$or one alternative', '{"$or": [{"a": ["1"]}]}'],
  ['$or not array', '{"$or": {"a": ["1"], "b": ["2"]}}'],
  ['$or string alternative', '{"$or": [{"a": ["1"]}, "b"]}'],
  ['$or reserved field', '{"$or": [{"a": ["1"]}, {"numeric": ["2"]}]}'],
];

describe('matchesEventPattern', () => {
  it.each(matchCases)('$name: $outcome', ({ pattern, event: ev, outcome }) => {
    const compiled = compileEventPattern(JSON.stringify(pattern));

    expect(matchesEventPattern(compiled, ev)).toBe(outcome === 'match');
  });

  it('reuses one compiled pattern', () => {
    const compiled = compileEventPattern('{"detail": {"n": [{"numeric": [">", 1]}]}}');

    expect(matchesEventPattern(compiled, event({ n: 2 }))).toBe(true);
    expect(matchesEventPattern(compiled, event({ n: 0 }))).toBe(false);
  });

  it('rejects a non-object event', () => {
    const compiled = compileEventPattern('{"source": [{"exists": false}]}');

    expect(matchesEventPattern(compiled, ['aws.ec2'])).toBe(false);
  });
});

describe('compileEventPattern', () => {
  it.each(invalidPatterns)('rejects %s', (_name, patternJson) => {
    expect(() => compileEventPattern(patternJson)).toThrow(InvalidEventPatternError);
  });

  it('accepts numeric at the limit', () => {
    expect(() => compileEventPattern('{"n": [{"numeric": ["<=", 5e9]}]}')).not.toThrow();
  });

  it('limits $or expansion', () => {
    const patternJson = JSON.stringify(Object.fromEntries(orBomb));

    expect(() => compileEventPattern(patternJson)).toThrow(InvalidEventPatternError);
  });

  it('accepts an ARN wildcard', () => {
    const patternJson = '{"arn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}';

    expect(() => compileEventPattern(patternJson)).not.toThrow();
  });

  it('accepts five wildcards', () => {
    const compile = () => compileEventPattern('{"f": [{"wildcard": "a*b*c*d*e*f"}]}');

    expect(compile).not.toThrow();
  });

  it('names path and operator', () => {
    const patternJson = '{"detail": {"price": [{"numeric": ["<>", 5]}]}}';
    const compile = () => compileEventPattern(patternJson);

    expect(compile).toThrow('"detail.price": numeric operator "<>" is not supported');
  });

  it('sets the error name', () => {
    const error = (() => {
      try {
        compileEventPattern('{"source": "aws.ec2"}');
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect((error as Error).name).toBe('InvalidEventPatternError');
  });

  it('keeps the JSON parse cause', () => {
    const error = (() => {
      try {
        compileEventPattern('{');
      } catch (caught) {
        return caught;
      }
    })();

    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });
});

describe('testEventPattern', () => {
  it('matches event text', () => {
    const eventJson = JSON.stringify(event({ state: 'running' }));

    expect(testEventPattern('{"detail": {"state": ["running"]}}', eventJson)).toBe(true);
  });

  it('rejects non-object event text', () => {
    expect(() => testEventPattern('{"source": ["a"]}', '[1]')).toThrow(InvalidEventError);
  });

  it('rejects an invalid pattern', () => {
    const run = () => testEventPattern('{"source": "a"}', '{}');

    expect(run).toThrow(InvalidEventPatternError);
  });
});
