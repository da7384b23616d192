import Database from 'better-sqlite3';

/**
 * Side connections (backup copies, restore candidates, integrity peeks) must
 * load the same better-sqlite3 binary as the main one; inside Electron that
 * is a binary built for Electron's ABI. openWorkspace records it here.
 */
let nativeBinding: string | undefined;

export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

export function openSideDatabase(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): Database.Database {
  return new Database(file, { ...options, nativeBinding });
}

export function sideNativeBinding(): string | undefined {
  return nativeBinding;
}
