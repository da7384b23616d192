import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRouter, type Router } from '../api/router';
import { AppError } from '../common/errors';
import { startHost } from '../host/server';
import { restoreBackup, startAutomaticBackups, type BackupInfo } from '../services/backup';
import { lockDataFolder } from '../services/lock';
import { ensurePassphrase, runExchangeCommand } from './exchange';
import { defaultDataDir, openWorkspace, type Workspace } from '../services/workspace';

/**
 * `isodesk`: the headless door to the same API the desktop app uses.
 * Every command takes --data-dir DIR (or ISODESK_DATA_DIR).
 */
const USAGE = `Usage: isodesk [--data-dir DIR] <command>

Commands:
  init [--office CODE] [--operator NAME] [--demo] [--language vi|en]
                         set up this data folder for an office (reference code, e.g. 31)
  methods                list every API method
  call METHOD [JSON]     call an API method with a JSON input; prints the JSON result
  serve [--port N]       serve the browser preview and the API on 127.0.0.1
  backup now [--to DIR]  take a verified backup (into the data folder's backups, or DIR)
  backup list            list the backups kept in the data folder
  backup restore ID|DIR  restore a backup (the current state is backed up first);
                         works even when the database is damaged
  check [--full]         check the database (and with --full every attachment's hash)

Exchange (passphrase of the office key from ISODESK_PASSPHRASE or a prompt):
  keys show | generate | rotate | export-public FILE
  trust add FILE --unit CODE [--fingerprint FP | --yes] | list | revoke KEYID
  bundle export [--full] -o FILE
  bundle verify FILE     exit 0 when valid, 1 with the reason otherwise
  bundle import FILE [--dry-run] [--accept-gap] [--receipt FILE]
  bundle inspect FILE
  receipt import FILE    mark an issued bundle delivered
`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const defaultIo: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

async function callOrFail(router: Router, method: string, input: unknown): Promise<unknown> {
  const envelope = await router.call(method, input);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message.en), { payload: envelope.error });
  return envelope.value;
}

export const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** Runs one CLI command; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      office: { type: 'string' },
      operator: { type: 'string' },
      language: { type: 'string' },
      demo: { type: 'boolean' },
      port: { type: 'string' },
      to: { type: 'string' },
      full: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      output: { type: 'string', short: 'o' },
      'dry-run': { type: 'boolean' },
      'accept-gap': { type: 'boolean' },
      unit: { type: 'string' },
      fingerprint: { type: 'string' },
      yes: { type: 'boolean' },
      receipt: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  let ws: Workspace | undefined;
  try {
    if (command === 'backup' && rest[0] === 'restore') {
      const restored = await restoreCommand(dataDir, rest[1], io);
      if (restored !== null) return restored;
    }
    ws = openWorkspace(dataDir, { instance: command === 'serve' ? 'web' : 'cli' });
    const router = createRouter(ws);
    switch (command) {
      case 'init': {
        const state = (await callOrFail(router, 'setup.complete', {
          office: { code: values.office ?? '31' },
          operator: values.operator ?? process.env.USER ?? 'operator',
          language: values.language === 'en' ? 'en' : 'vi',
          demo: values.demo ?? false,
        })) as { office: { code: string; name: string } };
        io.out(`Set up ${dataDir} for ${state.office.name} (${state.office.code}).`);
        if (await ensurePassphrase(ws, true)) {
          const key = (await callOrFail(router, 'exchange.keys.generate', {})) as { fingerprint: string };
          io.out(`Office key created; fingerprint ${key.fingerprint}`);
        } else {
          io.out('No passphrase given: create the office key later with `isodesk keys generate` (ISODESK_PASSPHRASE).');
        }
        return 0;
      }
      case 'methods':
        for (const m of router.methodNames) io.out(m);
        return 0;
      case 'call': {
        const [method, json] = rest;
        if (!method) throw new Error('call needs a METHOD');
        let input: unknown = {};
        try {
          input = json ? JSON.parse(json) : {};
        } catch {
          throw new Error('the input is not valid JSON');
        }
        io.out(JSON.stringify(await callOrFail(router, method, input), null, 2));
        return 0;
      }
      case 'backup': {
        const [sub, ref] = rest;
        if (sub === 'now') {
          const b = (await callOrFail(router, 'backup.now', values.to ? { folder: values.to } : {})) as BackupInfo;
          io.out(`Backup written and verified: ${b.path}`);
          return 0;
        }
        if (sub === 'list') {
          const { folder, backups } = (await callOrFail(router, 'backup.list', {})) as { folder: string; backups: BackupInfo[] };
          io.out(`Backups in ${folder}:`);
          if (!backups.length) io.out('  (none yet: run `isodesk backup now`)');
          for (const b of backups) {
            const mb = ((b.dbBytes + b.attachmentBytes) / 1048576).toFixed(1);
            io.out(`  ${b.id}  ${b.reason}  ${b.rows} rows, ${b.attachmentCount} attachments, ${mb} MB${b.verified ? '' : '  (unverified copy)'}`);
          }
          return 0;
        }
        if (sub === 'restore') {
          if (!ref) throw new Error('backup restore needs a backup ID (see `backup list`) or a backup folder');
          const r = (await callOrFail(router, 'backup.restore', { backup: ref })) as { restored: string; safetyBackup: string | null };
          io.out(`Restored ${r.restored}. The previous state was kept as ${r.safetyBackup ?? '—'}.`);
          return 0;
        }
        throw new Error('usage: backup now [--to DIR] | backup list | backup restore ID|DIR');
      }
      case 'check': {
        const report = (await callOrFail(router, 'integrity.check', { full: values.full ?? false })) as {
          ok: boolean;
          database: string[];
          foreignKeys: unknown[];
          attachments: { checked: number; damaged: string[]; missing: string[] };
          latestBackup: string | null;
        };
        io.out(`Database: ${report.database.join('; ')}`);
        io.out(`Foreign keys: ${report.foreignKeys.length ? `${report.foreignKeys.length} broken` : 'ok'}`);
        if (values.full) {
          const a = report.attachments;
          io.out(`Attachments: ${a.checked} checked, ${a.damaged.length} damaged, ${a.missing.length} missing`);
        }
        if (!report.ok) io.err(`Problems found. Way out: isodesk backup restore ${report.latestBackup ?? '<backup>'}`);
        return report.ok ? 0 : 1;
      }
      case 'serve': {
        const stopBackups = startAutomaticBackups(ws, { onError: (err) => io.err(`automatic backup failed: ${String(err)}`) });
        process.once('exit', stopBackups);
        const host = await startHost({ router, staticDir: rendererDir, port: values.port ? Number(values.port) : 0 });
        io.out(`ISO Desk preview for ${dataDir}`);
        io.out(`Open ${host.openUrl}`);
        io.out('Press Ctrl+C to stop.');
        await new Promise<void>((done) => {
          process.once('SIGINT', done);
          process.once('SIGTERM', done);
        });
        await host.close();
        return 0;
      }
      case 'keys':
      case 'trust':
      case 'bundle':
      case 'receipt':
        return await runExchangeCommand(command, rest, values, router, ws, io);
      default:
        io.err(`Unknown command "${command}".\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    io.err(`isodesk: ${err instanceof AppError || err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    ws?.close();
  }
}

/**
 * `backup restore` on a database too damaged to open: restores without the
 * app's connection, under the folder lock, keeping the damaged files as an
 * emergency copy. Returns null when the database opens normally (the
 * ordinary path through the API is then taken).
 */
async function restoreCommand(dataDir: string, ref: string | undefined, io: CliIo): Promise<number | null> {
  try {
    openWorkspace(dataDir).close();
    return null;
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'DB_DAMAGED' || !ref) return null;
  }
  const lock = lockDataFolder(dataDir, 'cli');
  try {
    const r = await restoreBackup({ dataDir, now: () => new Date() }, ref);
    io.out(`Restored ${r.restored}. The damaged files were kept as ${r.safetyBackup ?? '—'}.`);
    return 0;
  } finally {
    lock.release();
  }
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly || process.env.ISODESK_CLI_ENTRY === '1') {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
