/**
 * BagIt (RFC 8493) text files: bagit.txt, bag-info.txt and the sha256
 * manifests. Pure string work; reading and writing the zip is elsewhere.
 */

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const MANIFEST = 'manifest-sha256.txt';
export const TAGMANIFEST = 'tagmanifest-sha256.txt';
export const SIGNATURE = 'tagmanifest-sha256.txt.minisig';
export const BAG_INFO = 'bag-info.txt';
export const BAGIT = 'bagit.txt';

/** bag-info.txt as ordered label/value pairs (labels may repeat in BagIt). */
export type BagInfo = [label: string, value: string][];

export function formatBagInfo(info: BagInfo): string {
  return info
    .map(([label, value]) => {
      if (/[\r\n:]/.test(label) || /[\r\n]/.test(value)) throw new Error(`bag-info field ${label} must be one line`);
      return `${label}: ${value}\n`;
    })
    .join('');
}

export function parseBagInfo(text: string): BagInfo {
  const out: BagInfo = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && out.length) {
      out[out.length - 1][1] += ` ${line.trim()}`; // continuation line
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) throw new Error(`bag-info line without a label: ${line.slice(0, 60)}`);
    out.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return out;
}

export const bagInfoValue = (info: BagInfo, label: string): string | undefined =>
  info.find(([l]) => l.toLowerCase() === label.toLowerCase())?.[1];

/** RFC 8493 §2.1.3: CR, LF and % in file paths are percent-encoded in manifests. */
export const encodeManifestPath = (p: string): string => p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const decodeManifestPath = (p: string): string => p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');

/** Manifest lines sorted by path, so the same files give the same bytes. */
export function formatManifest(entries: Map<string, string>): string {
  return [...entries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, hash]) => `${hash}  ${encodeManifestPath(path)}\n`)
    .join('');
}

export function parseManifest(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line === '') continue;
    const m = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(line);
    if (!m) throw new Error(`malformed manifest line: ${line.slice(0, 80)}`);
    const path = decodeManifestPath(m[2]);
    if (out.has(path)) throw new Error(`manifest lists ${path} twice`);
    out.set(path, m[1].toLowerCase());
  }
  return out;
}
