import type { ErrorPayload } from './errors';

/**
 * The contract between the desktop window and the main process: the IPC
 * channel names and the one small object the preload puts on
 * `window.isodesk`. Pure types and constants (the renderer reads them too).
 */

export const IPC = {
  /** Serves the API router: (method, input) → Envelope. */
  call: 'isodesk:call',
  /** Native file dialogs: DialogRequest → DialogResult. */
  dialog: 'isodesk:dialog',
  /** main → window: bundle files the user opened with the app (double-click, second launch). */
  openFiles: 'isodesk:open-files',
  /** window → main: the renderer is listening; main replies with files queued before that. */
  ready: 'isodesk:ready',
} as const;

export type BridgeEnvelope = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

export interface FileFilter {
  /** Shown in the dialog, e.g. "Gói dữ liệu ISO Desk". */
  name: string;
  /** Without dots, e.g. ["isodesk", "zip"]. */
  extensions: string[];
}

export type DialogRequest =
  | { kind: 'openFile'; title?: string; filters?: FileFilter[]; multiple?: boolean }
  | { kind: 'saveFile'; title?: string; filters?: FileFilter[]; defaultName?: string }
  | { kind: 'openFolder'; title?: string };

/** Absolute paths the user picked; empty when they cancelled. */
export type DialogResult = { ok: true; value: { paths: string[] } } | { ok: false; error: ErrorPayload };

export interface DesktopBridge {
  /** Calls an API method through IPC; never rejects for a bad input — the envelope says why. */
  call(method: string, input: unknown): Promise<BridgeEnvelope>;
  /** Opens a native open/save/folder dialog owned by the app window. */
  dialog(request: DialogRequest): Promise<DialogResult>;
  /** Bundle files opened with the app; returns a function that stops listening. */
  onOpenFiles(listener: (paths: string[]) => void): () => void;
  /** 'desktop': lets screens offer native dialogs instead of uploads. */
  readonly transport: 'desktop';
}
