import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import type { Router } from '../api/router';
import { passphraseSealer, provideSealer } from '../api/exchange';
import type { ServiceContext } from '../services/context';

/**
 * `keys`, `trust`, `bundle` and `receipt` commands: the exchange area's
 * part of the CLI, calling the same API methods as the exchange page.
 */
export interface ExchangeFlags {
  output?: string;
  full?: boolean;
  'dry-run'?: boolean;
  'accept-gap'?: boolean;
  unit?: string;
  fingerprint?: string;
  yes?: boolean;
  receipt?: string;
}

interface Io {
  out(line: string): void;
  err(line: string): void;
}

type Call = (method: string, input: unknown) => Promise<any>;

function ask(question: string, hidden: boolean): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => {
      if (s.startsWith(question)) process.stderr.write(question);
    };
  }
  return new Promise((done) =>
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      done(answer);
    }),
  );
}

/** ISODESK_PASSPHRASE, or a prompt on a terminal; false when neither is possible. */
export async function ensurePassphrase(ctx: ServiceContext, confirm = false): Promise<boolean> {
  if (process.env.ISODESK_PASSPHRASE) return true;
  if (!process.stdin.isTTY) return false;
  const pass = await ask('Passphrase for the office key: ', true);
  if (confirm && (await ask('Repeat the passphrase: ', true)) !== pass) throw new Error('the passphrases differ');
  provideSealer(ctx, passphraseSealer(pass));
  return true;
}

const need = (v: string | undefined, what: string): string => {
  if (!v) throw new Error(`missing ${what}`);
  return v;
};

function printPreview(io: Io, p: any): void {
  io.out(`Bundle ${p.sequence} from ${p.issuer.code} ${p.issuer.name} (${p.kind}, ${p.baggingDate})`);
  io.out(`  id ${p.bundleId}, SHA-256 ${p.bundleSha256}`);
  io.out(`  signed by key ${p.keyId} (fingerprint ${p.fingerprint})`);
  if (p.status === 'already') io.out('  Already imported: importing again changes nothing.');
  if (p.status === 'gap') io.out(`  Gap: bundles ${p.missing.join(', ')} from ${p.issuer.code} were never imported.`);
  io.out('  table            insert  update  delete  same  kept-local');
  for (const t of p.tables) {
    if (t.insert + t.update + t.delete + t.unchanged + t.keptLocal === 0) continue;
    io.out(`  ${t.table.padEnd(16)} ${String(t.insert).padStart(6)}  ${String(t.update).padStart(6)}  ${String(t.delete).padStart(6)}  ${String(t.unchanged).padStart(4)}  ${String(t.keptLocal).padStart(10)}`);
  }
  if (p.conflictCount) {
    io.out(`  ${p.conflictCount} conflicting edits (newer edit wins):`);
    for (const c of p.conflicts.slice(0, 20)) io.out(`    ${c.table}/${c.rowId}: here ${c.localUpdatedAt}, bundle ${c.incomingUpdatedAt} → ${c.winner === 'incoming' ? 'bundle' : 'kept here'}`);
  }
  for (const v of p.provenance) io.out(`  carries ${v.issuerCode} bundle ${v.sequence} (${v.bundleSha256.slice(0, 16)}…), its own signature verified${v.fork ? ' — WARNING: differs from the one imported here' : ''}`);
  if (p.attachments.total) io.out(`  attachments: ${p.attachments.total} (${p.attachments.new} new)`);
  if (p.announcedKey) io.out(`  announces the issuer's next key, fingerprint ${p.announcedKey}`);
}

export async function runExchangeCommand(command: string, rest: string[], flags: ExchangeFlags, router: Router, ctx: ServiceContext, io: Io): Promise<number> {
  const call: Call = async (method, input) => {
    const env = await router.call(method, input);
    if (!env.ok) throw new Error(env.error.message.en);
    return env.value;
  };
  const [sub, arg] = rest;
  const key = `${command} ${sub ?? ''}`.trim();
  switch (key) {
    case 'keys show': {
      const o = await call('exchange.overview', {});
      if (!o.key) {
        io.out('No office key yet. Create one with: isodesk keys generate');
        return 0;
      }
      io.out(`Office key of ${o.office.code} ${o.office.name}`);
      io.out(`  Fingerprint: ${o.key.fingerprint}`);
      io.out(`  Key id:      ${o.key.keyId} (as minisign shows it)`);
      io.out(`  Created:     ${o.key.createdAt}  sealed with: ${o.key.sealer}`);
      if (o.pendingKey) io.out(`  Next key ${o.pendingKey.fingerprint} will be announced in the next bundle.`);
      return 0;
    }
    case 'keys generate':
    case 'keys rotate': {
      if (!(await ensurePassphrase(ctx, true))) throw new Error('set ISODESK_PASSPHRASE or run in a terminal to enter a passphrase');
      const k = await call(sub === 'generate' ? 'exchange.keys.generate' : 'exchange.keys.rotate', {});
      io.out(`${sub === 'generate' ? 'Created office key' : 'Next office key (announced in the next bundle)'} ${k.keyId}, fingerprint ${k.fingerprint}`);
      return 0;
    }
    case 'keys export-public': {
      const file = resolve(need(arg, 'FILE'));
      const k = await call('exchange.keys.publicKey', {});
      writeFileSync(file, k.text);
      io.out(`Wrote public key ${k.keyId} to ${file}`);
      io.out(`Fingerprint to read out on the phone: ${k.fingerprint}`);
      return 0;
    }
    case 'trust add': {
      const file = resolve(need(arg, 'FILE'));
      if (!existsSync(file)) throw new Error(`file not found: ${file}`);
      const publicKey = readFileSync(file, 'utf8');
      const unitCode = need(flags.unit, '--unit CODE');
      const k = await call('exchange.trust.inspect', { publicKey });
      io.out(`Key ${k.keyId}, fingerprint ${k.fingerprint}`);
      let confirm = flags.fingerprint;
      if (!confirm && flags.yes) confirm = k.fingerprint;
      if (!confirm && process.stdin.isTTY) {
        const answer = await ask(`Did ${unitCode} read you exactly this fingerprint? Type yes to trust it: `, false);
        if (answer.trim().toLowerCase() === 'yes') confirm = k.fingerprint;
      }
      if (!confirm) throw new Error('not trusted: confirm the fingerprint with --fingerprint XXXX-… (or --yes)');
      const t = await call('exchange.trust.add', { publicKey, unitCode, confirmFingerprint: confirm });
      io.out(`Trusted key ${t.keyId} for ${t.unitCode} ${t.unitName}.`);
      return 0;
    }
    case 'trust list': {
      const o = await call('exchange.overview', {});
      if (!o.trusted.length) io.out('No trusted keys. Add one with: isodesk trust add FILE --unit CODE');
      for (const t of o.trusted) io.out(`${t.keyId}  ${t.fingerprint}  ${t.unitCode.padEnd(6)} ${t.revokedAt ? `revoked ${t.revokedAt.slice(0, 10)}` : 'trusted'}  ${t.unitName}`);
      return 0;
    }
    case 'trust revoke': {
      const t = await call('exchange.trust.revoke', { keyId: need(arg, 'KEYID') });
      io.out(`Revoked key ${t.keyId} of ${t.unitCode}: its bundles are refused from now on.`);
      return 0;
    }
    case 'bundle export': {
      const output = resolve(need(flags.output, '-o FILE'));
      await ensurePassphrase(ctx);
      const r = await call('exchange.bundle.export', { full: flags.full ?? false, output });
      io.out(`Wrote bundle ${r.sequence} (${r.kind}, ${r.rows} records, ${r.attachments} attachments${r.provenance ? `, ${r.provenance} sub-unit bundles` : ''}) to ${r.file}`);
      io.out(`SHA-256 of its tag manifest: ${r.bundleSha256}`);
      return 0;
    }
    case 'bundle verify': {
      const p = await call('exchange.bundle.preview', { path: resolve(need(arg, 'FILE')) });
      io.out(`Valid: bundle ${p.sequence} from ${p.issuer.code} ${p.issuer.name}, signed by trusted key ${p.keyId}${p.status === 'gap' ? ` (bundles ${p.missing.join(', ')} missing)` : ''}${p.status === 'already' ? ' (already imported)' : ''}`);
      return 0;
    }
    case 'bundle inspect': {
      const i = await call('exchange.bundle.inspect', { path: resolve(need(arg, 'FILE')) });
      const h = i.header;
      io.out(`${i.root}: bundle ${h.sequence} from ${h.issuer.code} (${h.sourceOrganization}), ${h.kind.type === 'full' ? 'full' : `delta since ${h.kind.sinceSequence}`}, ${h.baggingDate}`);
      io.out(`  id ${h.bundleId}; previous ${h.previousSha256}`);
      io.out(`  tag manifest SHA-256 ${i.bundleSha256}`);
      io.out(`  key ${h.issuerKey.keyId} (${h.issuerKey.fingerprint}): ${i.signature}${i.problem ? ` — ${i.problem}` : ''}`);
      io.out(`  schema ${h.schemaVersion}, ISO Desk ${h.appVersion}${h.receiver ? `, for ${h.receiver.code}` : ''}`);
      for (const [t, n] of Object.entries(i.records)) if (n) io.out(`  ${t}: ${n}`);
      io.out(`  ${i.files.length} files`);
      return 0;
    }
    case 'bundle import': {
      const path = resolve(need(arg, 'FILE'));
      const p = await call('exchange.bundle.preview', { path });
      printPreview(io, p);
      if (flags['dry-run']) {
        io.out('Dry run: nothing was changed.');
        return 0;
      }
      if (p.status === 'gap' && !flags['accept-gap']) throw new Error(`bundles ${p.missing.join(', ')} from ${p.issuer.code} are missing; import them first or pass --accept-gap`);
      await ensurePassphrase(ctx);
      const r = await call('exchange.bundle.import', { path, acceptGap: flags['accept-gap'] ?? false });
      // Also when the bundle was applied before: its receipt (written again if a crash lost it) can still be sent.
      let receipt = r.receiptFile as string | null;
      if (receipt && flags.receipt) {
        copyFileSync(receipt, resolve(flags.receipt));
        receipt = resolve(flags.receipt);
      }
      if (!r.applied) {
        io.out('Nothing to do: this bundle was imported before.');
        if (receipt) io.out(`Receipt for ${p.issuer.code}: ${receipt}`);
        else io.out('No receipt: the office key could not be opened to sign it (set ISODESK_PASSPHRASE and import again).');
        return 0;
      }
      io.out(`Imported: ${r.changes} changes. Receipt for ${p.issuer.code}: ${receipt}`);
      return 0;
    }
    case 'receipt import': {
      const r = await call('exchange.receipt.import', { path: resolve(need(arg, 'FILE')) });
      io.out(`${r.already ? 'Already recorded' : 'Recorded'}: bundle ${r.sequence} acknowledged by ${r.acknowledgedBy} on ${r.acknowledgedAt}`);
      return 0;
    }
    default:
      io.err(`Unknown command "${key}".`);
      return 2;
  }
}
