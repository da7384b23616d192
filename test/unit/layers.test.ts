/**
 * The architecture's import arrows, enforced: a file that imports across a
 * layer the wrong way fails this test, naming the file and the import.
 *
 *   db                  nothing of ours
 *   electron/common     only itself; no node:* (it runs in the renderer)
 *   electron/bundle     common (a file-format library: node:* allowed)
 *   electron/services   db, common, bundle
 *   electron/api        services, common, bundle; db only `import type`
 *   electron/host, cli  api, services, common, db (transports)
 *   electron/main       same as the transports, and the only code importing 'electron'
 *   electron/preload    common, and 'electron' (contextBridge: the other half of the shell)
 *   renderer            common; only `import type` from electron/api; nothing else of ours
 * (package.json, the app's name and version, may be read below the renderer and common.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

type Layer = 'db' | 'common' | 'bundle' | 'services' | 'api' | 'transport' | 'main' | 'preload' | 'renderer';

const root = process.cwd();

export function layerOf(file: string): Layer | null {
  const p = file.split(sep).join('/');
  if (p.startsWith('db/')) return 'db';
  if (p.startsWith('electron/common/')) return 'common';
  if (p.startsWith('electron/bundle/')) return 'bundle';
  if (p.startsWith('electron/services/')) return 'services';
  if (p.startsWith('electron/api/')) return 'api';
  if (p.startsWith('electron/host/') || p.startsWith('electron/cli/')) return 'transport';
  if (p.startsWith('electron/main/')) return 'main';
  if (p.startsWith('electron/preload/')) return 'preload';
  if (p.startsWith('renderer/')) return 'renderer';
  return null;
}

/** Which of our layers each layer may import: [value imports, type-only imports]. */
const ALLOWED: Record<Layer, { value: Layer[]; type: Layer[] }> = {
  db: { value: ['db'], type: ['db'] },
  common: { value: ['common'], type: ['common'] },
  bundle: { value: ['bundle', 'common'], type: ['bundle', 'common'] },
  services: { value: ['services', 'db', 'common', 'bundle'], type: ['services', 'db', 'common', 'bundle'] },
  api: { value: ['api', 'services', 'common', 'bundle'], type: ['api', 'services', 'common', 'bundle', 'db'] },
  transport: { value: ['transport', 'api', 'services', 'common', 'db', 'bundle'], type: ['transport', 'api', 'services', 'common', 'db', 'bundle'] },
  main: { value: ['main', 'api', 'services', 'common', 'db', 'bundle'], type: ['main', 'api', 'services', 'common', 'db', 'bundle'] },
  preload: { value: ['preload', 'common'], type: ['preload', 'common'] },
  renderer: { value: ['renderer', 'common'], type: ['renderer', 'common', 'api'] },
};

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export interface Import {
  spec: string;
  typeOnly: boolean;
}

/** The module specifiers of a TypeScript source (static, re-exports, dynamic, require), with type-only ones marked. */
export function importsOf(source: string): Import[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: Import[] = [];
  const statement = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([\s\S]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(statement)) {
    const clause = m[3];
    const named = /^\{([\s\S]*)\}$/.exec(clause.trim());
    const allTypes =
      !!named &&
      named[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith('type '));
    out.push({ spec: m[4], typeOnly: !!m[2] || allTypes });
  }
  for (const m of text.matchAll(/(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g)) out.push({ spec: m[1], typeOnly: false });
  for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1], typeOnly: false });
  return out;
}

/** Why an import breaks the arrows, or null. `file` and the result are relative to the project root. */
export function violation(file: string, imp: Import): string | null {
  const from = layerOf(file);
  if (!from) return null;
  const { spec } = imp;
  if (spec === 'electron' || spec.startsWith('electron/')) {
    return from === 'main' || from === 'preload' ? null : `only electron/main (and the preload) may import 'electron'`;
  }
  if (NODE_BUILTINS.has(spec)) {
    return from === 'common' && !imp.typeOnly ? `electron/common runs in the renderer: no ${spec}` : null;
  }
  if (!spec.startsWith('.')) return null; // a package
  const target = relative(root, resolve(root, dirname(file), spec));
  if (target === 'package.json') {
    // The app's name and version: metadata, not code; the renderer and common stay free of it.
    return from === 'common' || from === 'renderer' || from === 'db' ? `${from} may not read package.json` : null;
  }
  const to = layerOf(target.endsWith('.ts') || target.endsWith('.tsx') ? target : `${target}/`) ?? layerOf(target);
  if (!to) return `imports ${spec}, outside the app's layers`;
  const allowed = imp.typeOnly ? ALLOWED[from].type : ALLOWED[from].value;
  if (allowed.includes(to)) return null;
  const typeHint = ALLOWED[from].type.includes(to) ? ' (use `import type`)' : '';
  return `${from} may not import ${to}${typeHint}`;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'migrations') out.push(...sources(p));
    } else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

describe('import arrows between layers', () => {
  const files = [...sources('db'), ...sources('electron'), ...sources('renderer')];

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => layerOf(f) === 'main')).toBe(true);
  });

  it('has no import pointing the wrong way', () => {
    const problems: string[] = [];
    for (const file of files) {
      for (const imp of importsOf(readFileSync(join(root, file), 'utf8'))) {
        const why = violation(file, imp);
        if (why) problems.push(`${file}: import '${imp.spec}' — ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the checker itself', () => {
  const check = (file: string, code: string) =>
    importsOf(code)
      .map((imp) => violation(file, imp))
      .filter(Boolean);

  it('reads static, type-only, re-export, side-effect, dynamic and require imports', () => {
    expect(
      importsOf(`import a from './a';\nimport type { B } from "./b";\nimport { type C, type D } from './c';\nimport { type E, f } from './e';\nexport * from './g';\nimport './h.css';\nconst x = await import('./i');\nconst y = require('./j');\n// import z from './commented';`),
    ).toEqual([
      { spec: './a', typeOnly: false },
      { spec: './b', typeOnly: true },
      { spec: './c', typeOnly: true },
      { spec: './e', typeOnly: false },
      { spec: './g', typeOnly: false },
      { spec: './h.css', typeOnly: false },
      { spec: './i', typeOnly: false },
      { spec: './j', typeOnly: false },
    ]);
  });

  it('fails arrows that point the wrong way', () => {
    expect(check('db/schema/x.ts', `import { AppError } from '../../electron/common/errors';`)).toHaveLength(1);
    expect(check('electron/common/x.ts', `import { readFileSync } from 'node:fs';`)).toHaveLength(1);
    expect(check('electron/common/x.ts', `import { openWorkspace } from '../services/workspace';`)).toHaveLength(1);
    expect(check('electron/services/x.ts', `import { api } from '../api';`)).toHaveLength(1);
    expect(check('electron/api/x.ts', `import { openDatabase } from '../../db/connection';`)).toEqual(['api may not import db (use `import type`)']);
    expect(check('renderer/x/y.tsx', `import { api } from '../../electron/api';`)).toEqual(['renderer may not import api (use `import type`)']);
    expect(check('renderer/x/y.tsx', `import { records } from '../../electron/services/records';`)).toHaveLength(1);
    expect(check('electron/services/x.ts', `import { app } from 'electron';`)).toHaveLength(1);
    expect(check('renderer/x.ts', `import { ipcRenderer } from 'electron';`)).toHaveLength(1);
    expect(check('electron/common/x.ts', `import pkg from '../../package.json';`)).toHaveLength(1);
  });

  it('lets the right arrows through', () => {
    expect(check('electron/api/x.ts', `import type { Db } from '../../db/connection';\nimport { z } from 'zod';\nimport { insertRow } from '../services/records';`)).toEqual([]);
    expect(check('renderer/x/y.tsx', `import type { ApiInput } from '../../electron/api';\nimport { foldText } from '../../electron/common/text';\nimport { Button } from '@mantine/core';`)).toEqual([]);
    expect(check('electron/main/x.ts', `import { app } from 'electron';\nimport { createRouter } from '../api/router';\nimport { openWorkspace } from '../services/workspace';`)).toEqual([]);
    expect(check('electron/services/x/y.ts', `import pkg from '../../../package.json';`)).toEqual([]);
    expect(check('electron/preload/x.ts', `import { contextBridge } from 'electron';\nimport { IPC } from '../common/bridge';`)).toEqual([]);
  });
});
