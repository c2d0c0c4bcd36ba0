import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }

    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');

  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1] as string);
}

const domainFiles = readdirSync(join(root, 'functions')).flatMap((service) => {
  const domain = join(root, 'functions', service, 'domain');

  return statSync(join(root, 'functions', service)).isDirectory() && safeIsDirectory(domain) ? sourceFiles(domain) : [];
});

function safeIsDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

describe('layering', () => {
  it('finds domain modules to check', () => {
    expect(domainFiles.length).toBeGreaterThan(5);
  });

  it.each(domainFiles.map((path) => [relative(root, path)]))('keeps %s free of AWS and middy', (path) => {
    const forbidden = importsOf(join(root, path)).filter(
      (source) => /^@aws-sdk\/|^@middy\/|^@aws-lambda-powertools\//.test(source) || /\/(adapters|handlers)\//.test(source),
    );

    expect(forbidden).toEqual([]);
  });

  it('keeps local/ independent of functions/', () => {
    const offending = sourceFiles(join(root, 'local')).filter((path) =>
      importsOf(path).some((source) => source.includes('functions/')),
    );

    expect(offending.map((path) => relative(root, path))).toEqual([]);
  });
});
