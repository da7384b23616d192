// Module hook: `import … from 'electron'` resolves to the stand-in (tests only).
import { register } from 'node:module';

const standIn = new URL('./electron-stand-in.mjs', import.meta.url).href;
register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (specifier === 'electron') return { url: ${JSON.stringify(standIn)}, shortCircuit: true };
      return next(specifier, context);
    }`)}`,
  import.meta.url,
);
if (!process.versions.electron) Object.defineProperty(process.versions, 'electron', { value: 'stand-in', enumerable: true });
