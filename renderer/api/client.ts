import type { ApiInput, ApiOutput, MethodName } from '../../electron/api';
import type { Envelope } from '../../electron/api/router';
import type { DesktopBridge } from '../../electron/common/bridge';
import type { ErrorPayload } from '../../electron/common/errors';

/**
 * The typed API client. In the desktop app the preload exposes
 * `window.isodesk.call` (IPC); in the browser preview the same calls go to
 * the localhost host with the per-launch token. Screens never know which.
 */
declare global {
  interface Window {
    isodesk?: DesktopBridge;
  }
}

export class ApiError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message.en);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'isodesk.token';

/** Takes the token from the URL fragment once, keeps it for the tab, and removes it from the address bar. */
function httpToken(): string {
  const m = /token=([0-9a-f]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.hash.replace(/[#&]?token=[0-9a-f]+/, ''));
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

async function httpCall(method: string, input: unknown): Promise<Envelope> {
  const res = await fetch(`api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${httpToken()}` },
    body: JSON.stringify(input ?? {}),
  });
  return (await res.json()) as Envelope;
}

export function transport(): (method: string, input: unknown) => Promise<Envelope> {
  return window.isodesk ? window.isodesk.call.bind(window.isodesk) : httpCall;
}

if (!window.isodesk) httpToken();

export async function call<M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const envelope = await transport()(method, input);
  if (!envelope.ok) throw new ApiError(envelope.error);
  return envelope.value as ApiOutput<M>;
}
