import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC, type BridgeEnvelope, type DesktopBridge, type DialogRequest, type DialogResult } from '../common/bridge';

/**
 * The sandboxed preload (built as CommonJS: out/preload/index.cjs). It puts
 * one small frozen object on `window.isodesk`; the renderer never sees
 * ipcRenderer. Every call is validated again in the main process.
 */
const bridge: DesktopBridge = {
  transport: 'desktop',
  call(method: string, input: unknown): Promise<BridgeEnvelope> {
    return ipcRenderer.invoke(IPC.call, method, input) as Promise<BridgeEnvelope>;
  },
  dialog(request: DialogRequest): Promise<DialogResult> {
    return ipcRenderer.invoke(IPC.dialog, request) as Promise<DialogResult>;
  },
  onOpenFiles(listener: (paths: string[]) => void): () => void {
    const handler = (_event: IpcRendererEvent, paths: unknown) => {
      if (Array.isArray(paths)) listener(paths.filter((p): p is string => typeof p === 'string'));
    };
    ipcRenderer.on(IPC.openFiles, handler);
    // Files opened before anyone listened are sent now.
    ipcRenderer.send(IPC.ready);
    return () => {
      ipcRenderer.removeListener(IPC.openFiles, handler);
    };
  },
};

contextBridge.exposeInMainWorld('isodesk', Object.freeze(bridge));
