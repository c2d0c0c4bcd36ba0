import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import {
  InvalidEventPatternError,
  compileEventPattern,
  matchesEventPattern,
} from '../../local/eventbridge/pattern/index';

// The recorded cases live in shared/cases, a sibling directory of the repository root.
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedDirectory = resolve(repositoryRoot, '..', 'shared');
const casesDirectory = resolve(sharedDirectory, 'cases', 'eventbridge-patterns');

type Outcome = 'match' | 'no match' | 'invalid';

interface PatternCase {
  readonly file: string;
  readonly outcome: Outcome;
  readonly event: unknown;
  readonly patternJson: string;
}

function outcomeOf(file: string): Outcome {
  if (file.endsWith('_EXC.json5')) {
    return 'invalid';
  }

  return file.endsWith('_NEG.json5') ? 'no match' : 'match';
}

function loadCase(file: string): PatternCase {
  const data = JSON5.parse<{ Event: unknown; EventPattern: unknown }>(
    readFileSync(join(casesDirectory, file), 'utf8'),
  );

  return {
    file,
    outcome: outcomeOf(file),
    event: data.Event,
    patternJson: JSON.stringify(data.EventPattern),
  };
}

const cases = readdirSync(casesDirectory)
  .filter((file) => file.endsWith('.json5'))
  .sort()
  .map(loadCase);

describe('event pattern cases recorded against AWS', () => {
  it('finds the case files', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.filter((entry) => entry.outcome === 'invalid'))(
    '$file is rejected',
    ({ patternJson }) => {
      expect(() => compileEventPattern(patternJson)).toThrow(InvalidEventPatternError);
    },
  );

  it.each(cases.filter((entry) => entry.outcome !== 'invalid'))(
    '$file: $outcome',
    ({ patternJson, event, outcome }) => {
      const pattern = compileEventPattern(patternJson);

      expect(matchesEventPattern(pattern, event)).toBe(outcome === 'match');
    },
  );
});
