import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Scale } from './geography';
import { describeResult, generateData } from './index';

/** `npm run bench:data -- --scale province|national|tiny --out DIR [--seed N] [--attachments all|province|none]` */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'province' },
    out: { type: 'string' },
    seed: { type: 'string' },
    years: { type: 'string' },
    attachments: { type: 'string' },
  },
});
const scale = values.scale as Scale;
const attachments = values.attachments as 'all' | 'province' | 'none' | undefined;
if (!['tiny', 'province', 'national'].includes(scale) || !values.out || (attachments && !['all', 'province', 'none'].includes(attachments))) {
  process.stderr.write('Usage: npm run bench:data -- --scale tiny|province|national --out DIR [--seed N] [--years N] [--attachments all|province|none]\n');
  process.exit(2);
}
const result = await generateData({
  out: resolve(values.out),
  scale,
  seed: values.seed ? Number(values.seed) : undefined,
  years: values.years ? Number(values.years) : undefined,
  attachments,
  log: (l) => process.stdout.write(`${l}\n`),
});
process.stdout.write(`${describeResult(result)}\n`);
process.exit(result.integrity.ok ? 0 : 1);
