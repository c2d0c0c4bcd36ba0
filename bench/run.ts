import { cpus } from 'node:os';

import { benchOrderLatency, type BenchResult } from './order-latency';
import { benchPatternMatching } from './pattern-matching';
import { benchRebuild } from './rebuild';
import { benchReplay } from './replay';

/** Runs every benchmark and prints a Markdown table for docs/benchmarks.md. */
async function main(): Promise<void> {
  const results: BenchResult[] = [
    ...(await benchPatternMatching()),
    ...(await benchReplay()),
    ...(await benchOrderLatency()),
    ...(await benchRebuild()),
  ];
  const lines = [
    `Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${new Date().toISOString()}`,
    '',
    '| benchmark | value | unit |',
    '| --- | ---: | --- |',
    ...results.map((result) => `| ${result.name} | ${result.value} | ${result.unit} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
