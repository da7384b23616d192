#!/usr/bin/env node
// The `isodesk` command: runs the TypeScript CLI through tsx, so the CLI is
// the same code the app and tests use, with no separate build.
import { register } from 'tsx/esm/api';

register();
process.env.ISODESK_CLI_ENTRY = '1';
await import('../electron/cli/index.ts');
