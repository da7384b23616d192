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
