import { call } from '../api/client';
import { downloadFile } from '../components/exportXlsx';

declare global {
  interface Window {
    /** The desktop shell may offer opening an attachment with the system's default program. */
    isodeskShell?: { openAttachment(id: string): Promise<void> };
  }
}

/** A picked file as base64, for `attachments.upload` (works in the desktop window and the browser preview). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Uploads a picked file and attaches it to a record (a procedure version or a unit's clause assessment). */
export async function uploadTo(subjectType: 'procedure_version' | 'checklist_item', subjectId: string, file: File) {
  return call('attachments.upload', { subjectType, subjectId, name: file.name, contentBase64: await fileToBase64(file) });
}

export const uploadToVersion = (versionId: string, file: File) => uploadTo('procedure_version', versionId, file);

/** Opens an attachment with the system program in the desktop app; downloads it (verified) in the browser preview. */
export async function openAttachment(id: string): Promise<void> {
  if (window.isodeskShell) return window.isodeskShell.openAttachment(id);
  const file = await call('attachments.download', { id });
  const binary = atob(file.contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadFile(bytes, file.name, file.mimeType);
}
