import { pathToFileURL } from 'node:url';
import {
  compileEventPattern,
  matchesEventPattern,
} from '../local/eventbridge/pattern/index';
import type { CompiledPattern } from '../local/eventbridge/pattern/index';

/** One benchmark figure, in the shape the project's benchmark runner records. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const RULE_VARIANTS = 10;
const EVENT_COUNT = 1_000;
const WARM_UP_PASSES = 5;
const MIN_MEASURE_MS = 2_000;

/** Seeded pseudo-random numbers (mulberry32), so every run generates the same events. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Pattern builders, one per kind. Each is called with variant numbers 0 to 9. */
const RULE_KINDS: ((i: number) => unknown)[] = [
  (i) => ({
    source: ['shop.orders'],
    'detail-type': [`Order${i % 3 === 0 ? 'Placed' : i}`],
  }),
  (i) => ({ detail: { sku: [{ prefix: `SKU-${i}` }] } }),
  (i) => ({ detail: { file: [{ suffix: i % 2 === 0 ? '.png' : `.${i}.jpg` }] } }),
  (i) => ({ detail: { status: [{ 'anything-but': ['cancelled', `failed-${i}`] }] } }),
  (i) => ({ detail: { total: [{ numeric: ['>=', i * 50, '<', i * 50 + 120] }] } }),
  (i) => ({ detail: { coupon: [{ exists: i % 2 === 0 }], status: ['paid'] } }),
  (i) => ({
    detail: { clientIp: [{ cidr: `10.${i}.0.0/16` }, { cidr: '2001:db8::/32' }] },
  }),
  (i) => ({ detail: { path: [{ wildcard: `/shop/${i}/*/item-*.json` }] } }),
  (i) => ({
    detail: {
      $or: [{ priority: ['high'] }, { total: [{ numeric: ['>', 400 + i * 10] }] }],
    },
  }),
  (i) => ({
    detail: { items: { sku: [`SKU-${i}`], quantity: [{ numeric: ['>', i % 4] }] } },
  }),
];

function buildRules(): CompiledPattern[] {
  return RULE_KINDS.flatMap((kind) =>
    Array.from({ length: RULE_VARIANTS }, (_, i) =>
      compileEventPattern(JSON.stringify(kind(i))),
    ),
  );
}

function buildEvent(random: () => number, index: number): Record<string, unknown> {
  const pick = (max: number) => Math.floor(random() * max);
  const items = Array.from({ length: pick(5) }, () => ({
    sku: `SKU-${pick(10)}`,
    quantity: pick(6),
  }));
  const detail: Record<string, unknown> = {
    sku: `SKU-${pick(12)}-${pick(100)}`,
    file: `upload/${pick(50)}.${['png', 'jpg', '3.jpg', 'txt'][pick(4)]}`,
    status: ['paid', 'cancelled', 'failed-3', 'pending'][pick(4)],
    total: Math.round(random() * 60_000) / 100,
    clientIp:
      random() < 0.8
        ? `10.${pick(12)}.${pick(256)}.${pick(256)}`
        : `2001:db8::${pick(999)}`,
    path: `/shop/${pick(12)}/cart-${pick(9)}/item-${pick(99)}.json`,
    priority: random() < 0.2 ? 'high' : 'normal',
    items,
  };
  if (random() < 0.5) {
    detail.coupon = `C${pick(999)}`;
  }

  return {
    version: '0',
    id: `event-${index}`,
    'detail-type': `Order${['Placed', '1', '2', 'Shipped'][pick(4)]}`,
    source: random() < 0.7 ? 'shop.orders' : 'shop.payments',
    account: '123456789012',
    time: '2026-01-01T00:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

function matchAll(rules: readonly CompiledPattern[], events: readonly object[]): number {
  let matched = 0;
  for (const event of events) {
    for (const rule of rules) {
      if (matchesEventPattern(rule, event)) {
        matched++;
      }
    }
  }

  return matched;
}

/**
 * Measures event-pattern matching: 100 compiled rules of ten kinds against 1,000 generated
 * events, repeated for at least two seconds after a warm-up. `matches/s` counts rule and
 * event pairs evaluated per second. The compile figure is one cold pass over the rules.
 */
export async function benchPatternMatching(): Promise<BenchResult[]> {
  const compileStart = performance.now();
  const rules = buildRules();
  const compileMs = performance.now() - compileStart;
  const random = createRandom(20_240_601);
  const events = Array.from({ length: EVENT_COUNT }, (_, i) => buildEvent(random, i));

  for (let pass = 0; pass < WARM_UP_PASSES; pass++) {
    matchAll(rules, events);
  }
  let passes = 0;
  let matched = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MEASURE_MS) {
    matched = matchAll(rules, events);
    passes++;
    elapsed = performance.now() - start;
  }
  const pairs = rules.length * events.length;
  const matchesPerSecond = Math.round(((passes * pairs) / elapsed) * 1000);
  const matchShare = Math.round((matched / pairs) * 1000) / 1000;
  const compileMicrosPerRule = Math.round((compileMs * 10_000) / rules.length) / 10;

  return [
    { name: 'event pattern matches', value: matchesPerSecond, unit: 'matches/s' },
    { name: 'event pattern match share', value: matchShare, unit: 'ratio' },
    { name: 'event pattern compile', value: compileMicrosPerRule, unit: 'µs/rule' },
  ];
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (invokedDirectly) {
  const results = await benchPatternMatching();
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
