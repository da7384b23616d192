import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable, runBenchmark } from './benchmark';

/** `npm run bench -- --data DIR [--runs N] [--ui-runs N] [--no-renderer] [--only PATTERN] [--json FILE]` */
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    runs: { type: 'string' },
    'ui-runs': { type: 'string' },
    'no-renderer': { type: 'boolean' },
    /** A regular expression over operation ids (`bundle`, `query\.board|search`): only those are measured. */
    only: { type: 'string' },
    json: { type: 'string' },
  },
});
if (!values.data) {
  process.stderr.write('Usage: npm run bench -- --data DIR [--runs N] [--ui-runs N] [--no-renderer] [--only PATTERN] [--json FILE]\n');
  process.exit(2);
}
const data = resolve(values.data);
const result = await runBenchmark({
  data,
  runs: values.runs ? Number(values.runs) : undefined,
  uiRuns: values['ui-runs'] ? Number(values['ui-runs']) : undefined,
  renderer: !values['no-renderer'],
  only: values.only ? new RegExp(values.only) : undefined,
  log: (l) => process.stderr.write(`… ${l}\n`),
});
const json = resolve(values.json ?? join(data, 'bench-results.json'));
writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${formatTable(result)}\n\nJSON: ${json}\n`);
process.exit(result.rows.some((r) => r.pass === false) ? 1 : 0);
