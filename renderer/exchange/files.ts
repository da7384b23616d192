import type { FileFilter } from '../../electron/common/bridge';
import { ApiError } from '../api/client';
import { downloadFile } from '../components/exportXlsx';

/** Files in the browser: read a chosen file, hand a produced one to the user. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export const readAsText = (file: File): Promise<string> => file.text();

export function downloadBase64(base64: string, fileName: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  downloadFile(bytes, fileName, 'application/zip');
}

export const downloadText = (text: string, fileName: string): void => downloadFile(new TextEncoder().encode(text), fileName, 'text/plain');

/**
 * Where to save a file in the desktop app, from its native save dialog (it
 * refuses browser downloads): the chosen path, or null when the user
 * cancelled. Undefined in the browser preview, which downloads instead.
 */
export async function askSavePath(request: { defaultName: string; title?: string; filters?: FileFilter[] }): Promise<string | null | undefined> {
  if (!window.isodesk) return undefined;
  const r = await window.isodesk.dialog({ kind: 'saveFile', ...request });
  if (!r.ok) throw new ApiError(r.error);
  return r.value.paths[0] ?? null;
}
