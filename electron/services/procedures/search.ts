import { attachments, legalChanges, procedures, procedureVersions } from '../../../db/schema';
import { fold } from '../../common/text';
import type { ServiceContext } from '../context';
import { findRow } from '../records';

/**
 * Search over procedures, versions, legal changes and attachment names,
 * insensitive to case and diacritics (đ included): an FTS5 index of folded
 * text, local to this installation. It follows the change log, so rows
 * written by any path (services, imported bundles) are found.
 */

const TABLES = ['procedures', 'procedure_versions', 'legal_changes', 'attachments'] as const;
type Kind = 'procedure' | 'version' | 'legal_change' | 'attachment';

function document(ctx: ServiceContext, table: (typeof TABLES)[number], id: string): { kind: Kind; procedureId: string | null; text: string } | null {
  switch (table) {
    case 'procedures': {
      const p = findRow(ctx, procedures, id);
      return p && !p.deleted ? { kind: 'procedure', procedureId: p.id, text: [p.code, p.title, p.adminProcedure, p.ownerRole, p.note].join(' ') } : null;
    }
    case 'procedure_versions': {
      const v = findRow(ctx, procedureVersions, id);
      return v && !v.deleted ? { kind: 'version', procedureId: v.procedureId, text: [v.summary, v.decisionNo, v.signer, v.endNote].join(' ') } : null;
    }
    case 'legal_changes': {
      const l = findRow(ctx, legalChanges, id);
      return l && !l.deleted ? { kind: 'legal_change', procedureId: l.procedureId, text: [l.reference, l.title, l.note].join(' ') } : null;
    }
    case 'attachments': {
      const a = findRow(ctx, attachments, id);
      if (!a || a.deleted) return null;
      const version = a.subjectType === 'procedure_version' ? findRow(ctx, procedureVersions, a.subjectId) : undefined;
      return { kind: 'attachment', procedureId: version?.procedureId ?? null, text: a.name.replace(/[._-]+/g, ' ') };
    }
  }
}

/** Brings the index up to date with the change log (only rows changed since the last call). */
export function refreshSearchIndex(ctx: ServiceContext): number {
  const { last_seq: last } = ctx.sqlite.prepare('SELECT last_seq FROM procedure_search_state WHERE id = 1').get() as { last_seq: number };
  const max = (ctx.sqlite.prepare('SELECT coalesce(max(seq), 0) AS m FROM change_log').get() as { m: number }).m;
  if (max <= last) return 0;
  const changed = ctx.sqlite
    .prepare(`SELECT DISTINCT table_name AS t, row_id AS id FROM change_log WHERE seq > ? AND table_name IN (${TABLES.map(() => '?').join(',')})`)
    .all(last, ...TABLES) as { t: (typeof TABLES)[number]; id: string }[];
  const find = ctx.sqlite.prepare('SELECT id FROM procedure_search_docs WHERE row_id = ?');
  const dropFts = ctx.sqlite.prepare('DELETE FROM procedure_search WHERE rowid = ?');
  const dropDoc = ctx.sqlite.prepare('DELETE FROM procedure_search_docs WHERE id = ?');
  const addDoc = ctx.sqlite.prepare('INSERT INTO procedure_search_docs (kind, row_id, procedure_id) VALUES (?, ?, ?)');
  const addFts = ctx.sqlite.prepare('INSERT INTO procedure_search (rowid, body) VALUES (?, ?)');
  ctx.sqlite.transaction(() => {
    for (const { t, id } of changed) {
      const old = find.get(id) as { id: number } | undefined;
      if (old) {
        dropFts.run(old.id);
        dropDoc.run(old.id);
      }
      const doc = document(ctx, t, id);
      if (!doc) continue;
      const docId = addDoc.run(doc.kind, id, doc.procedureId).lastInsertRowid;
      addFts.run(docId, fold(doc.text));
    }
    ctx.sqlite.prepare('UPDATE procedure_search_state SET last_seq = ? WHERE id = 1').run(max);
  })();
  return changed.length;
}

/** Drops and rebuilds the whole index from the tables themselves (after a restore, or if it is ever in doubt). */
export function rebuildSearchIndex(ctx: ServiceContext): number {
  const addDoc = ctx.sqlite.prepare('INSERT INTO procedure_search_docs (kind, row_id, procedure_id) VALUES (?, ?, ?)');
  const addFts = ctx.sqlite.prepare('INSERT INTO procedure_search (rowid, body) VALUES (?, ?)');
  let n = 0;
  ctx.sqlite.transaction(() => {
    ctx.sqlite.prepare('DELETE FROM procedure_search').run();
    ctx.sqlite.prepare('DELETE FROM procedure_search_docs').run();
    for (const table of TABLES) {
      const ids = ctx.sqlite.prepare(`SELECT id FROM ${table} WHERE deleted = 0`).all() as { id: string }[];
      for (const { id } of ids) {
        const doc = document(ctx, table, id);
        if (!doc) continue;
        addFts.run(addDoc.run(doc.kind, id, doc.procedureId).lastInsertRowid, fold(doc.text));
        n++;
      }
    }
    const max = (ctx.sqlite.prepare('SELECT coalesce(max(seq), 0) AS m FROM change_log').get() as { m: number }).m;
    ctx.sqlite.prepare('UPDATE procedure_search_state SET last_seq = ? WHERE id = 1').run(max);
  })();
  return n;
}

/** The FTS5 query for what the user typed: every word must match as a prefix, after folding. */
export function ftsQuery(input: string): string | null {
  const words = fold(input)
    .split(' ')
    .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ' ').trim())
    .filter(Boolean);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

export interface SearchHit {
  kind: Kind;
  id: string;
  procedureId: string | null;
  procedureCode: string;
  procedureTitle: string;
  /** What was found, as people read it (title, "Lần 2: summary", file name…). */
  label: string;
}

/** One search box over procedures, versions, legal changes and attachment names; best matches first. */
export function searchProcedures(ctx: ServiceContext, query: string, limit = 50): SearchHit[] {
  refreshSearchIndex(ctx);
  const match = ftsQuery(query);
  if (!match) return [];
  const rows = ctx.sqlite
    .prepare(
      `SELECT d.kind, d.row_id AS id, d.procedure_id AS procedureId
         FROM procedure_search s JOIN procedure_search_docs d ON d.id = s.rowid
        WHERE procedure_search MATCH ? ORDER BY bm25(procedure_search), d.kind LIMIT ?`,
    )
    .all(match, limit) as { kind: Kind; id: string; procedureId: string | null }[];
  return rows.map((r) => {
    const p = r.procedureId ? findRow(ctx, procedures, r.procedureId) : undefined;
    let label = p?.title ?? '';
    if (r.kind === 'version') {
      const v = findRow(ctx, procedureVersions, r.id)!;
      label = `${v.versionNo}: ${v.summary || v.decisionNo}`;
    } else if (r.kind === 'legal_change') {
      const l = findRow(ctx, legalChanges, r.id)!;
      label = `${l.reference} ${l.title}`.trim();
    } else if (r.kind === 'attachment') {
      label = findRow(ctx, attachments, r.id)!.name;
    }
    return { ...r, procedureCode: p?.code ?? '', procedureTitle: p?.title ?? '', label };
  });
}
