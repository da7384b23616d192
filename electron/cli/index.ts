import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRouter, type Router } from '../api/router';
import { AppError } from '../common/errors';
import { startHost } from '../host/server';
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
      help: { type: 'boolean', short: 'h' },
      output: { type: 'string', short: 'o' },
      full: { type: 'boolean' },
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
    ws = openWorkspace(dataDir);
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
      case 'serve': {
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

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly || process.env.ISODESK_CLI_ENTRY === '1') {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
