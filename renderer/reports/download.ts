import { downloadFile } from '../components/exportXlsx';

/** Saves a file the API produced (base64 over IPC/HTTP) as a download; the desktop app shows its save dialog. */
export function saveExported(file: { fileName: string; mime: string; base64: string }): void {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  downloadFile(bytes, file.fileName, file.mime);
}
