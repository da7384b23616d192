/**
 * A stand-in for the 'electron' module, for running the built main process
 * (out/main/index.js) under plain Node in tests: it records what the main
 * process registers (IPC handlers, protocol handler, session rules, window
 * options) so the test can call them. Loaded through a module hook
 * (electron-hook.mjs); never shipped.
 */
import { EventEmitter } from 'node:events';

const state = (globalThis.__electronStandIn = {
  ipcHandlers: new Map(),
  ipcListeners: new Map(),
  protocolHandlers: new Map(),
  privilegedSchemes: [],
  windows: [],
  paths: new Map(),
  errors: [],
  exitCode: null,
  singleInstanceData: null,
  session: { permissionRequest: null, permissionCheck: null, beforeRequest: null, headersReceived: null },
  sandboxEnabled: false,
  appPath: process.env.STAND_IN_APP_PATH,
});

class App extends EventEmitter {
  isPackaged = process.env.STAND_IN_PACKAGED === '1';
  enableSandbox() {
    state.sandboxEnabled = true;
  }
  setPath(name, value) {
    state.paths.set(name, value);
  }
  getPath(name) {
    return state.paths.get(name) ?? `/stand-in/${name}`;
  }
  getAppPath() {
    return state.appPath;
  }
  getVersion() {
    return '0.0.0-stand-in';
  }
  requestSingleInstanceLock(data) {
    state.singleInstanceData = data;
    return process.env.STAND_IN_SECOND !== '1';
  }
  whenReady() {
    return new Promise((resolve) => setTimeout(resolve, 10));
  }
  exit(code) {
    state.exitCode = code ?? 0;
  }
  quit() {
    state.exitCode = 0;
  }
}
export const app = new App();

export const protocol = {
  registerSchemesAsPrivileged(list) {
    state.privilegedSchemes.push(...list);
  },
  handle(scheme, handler) {
    state.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel, fn) {
    state.ipcHandlers.set(channel, fn);
  },
  on(channel, fn) {
    state.ipcListeners.set(channel, fn);
  },
};

export const dialog = {
  showErrorBox(title, message) {
    state.errors.push({ title, message });
  },
  async showOpenDialog() {
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog() {
    return { canceled: true };
  },
};

export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: () => Buffer.alloc(0),
  decryptString: () => '',
  getSelectedStorageBackend: () => 'basic_text',
};

class Session extends EventEmitter {
  webRequest = {
    onBeforeRequest: (fn) => (state.session.beforeRequest = fn),
    onHeadersReceived: (fn) => (state.session.headersReceived = fn),
  };
  setPermissionRequestHandler(fn) {
    state.session.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn) {
    state.session.permissionCheck = fn;
  }
  setDevicePermissionHandler() {}
}
export const session = { defaultSession: new Session() };

export const screen = {
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
};

class WebContents extends EventEmitter {
  sent = [];
  mainFrame = { url: '', parent: null };
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  send(channel, ...args) {
    this.sent.push([channel, ...args]);
  }
  reload() {}
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.loaded = null;
    state.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: this.options.width, height: this.options.height };
  }
  maximize() {}
  restore() {}
  show() {}
  focus() {}
}


export const Menu = {
  buildFromTemplate(template) {
    return { template };
  },
  setApplicationMenu(menu) {
    state.menu = menu;
  },
};

export default { app, protocol, ipcMain, dialog, safeStorage, session, screen, BrowserWindow, Menu };
