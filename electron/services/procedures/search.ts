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

type Doc = { kind: Kind; procedureId: string | null; text: string };
type Rows = {
  procedures: typeof procedures.$inferSelect;
  procedure_versions: typeof procedureVersions.$inferSelect;
  legal_changes: typeof legalChanges.$inferSelect;
  attachments: typeof attachments.$inferSelect;
};
const tableOf = { procedures, procedure_versions: procedureVersions, legal_changes: legalChanges, attachments } as const;

/** The searchable text of a live row (null for a tombstone). */
function docOf<T extends (typeof TABLES)[number]>(table: T, row: Rows[T], versionProcedure: (versionId: string) => string | null): Doc | null {
  if (row.deleted) return null;
  switch (table) {
    case 'procedures': {
      const p = row as Rows['procedures'];
      return { kind: 'procedure', procedureId: p.id, text: [p.code, p.title, p.adminProcedure, p.ownerRole, p.note].join(' ') };
    }
    case 'procedure_versions': {
      const v = row as Rows['procedure_versions'];
      return { kind: 'version', procedureId: v.procedureId, text: [v.summary, v.decisionNo, v.signer, v.endNote].join(' ') };
    }
    case 'legal_changes': {
      const l = row as Rows['legal_changes'];
      return { kind: 'legal_change', procedureId: l.procedureId, text: [l.reference, l.title, l.note].join(' ') };
    }
    default: {
      const a = row as Rows['attachments'];
      const procedureId = a.subjectType === 'procedure_version' ? versionProcedure(a.subjectId) : null;
      return { kind: 'attachment', procedureId, text: a.name.replace(/[._-]+/g, ' ') };
    }
  }
}

function document(ctx: ServiceContext, table: (typeof TABLES)[number], id: string): Doc | null {
  const row = findRow(ctx, tableOf[table], id);
  return row ? docOf(table, row as never, (versionId) => findRow(ctx, procedureVersions, versionId)?.procedureId ?? null) : null;
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
    const versionProcedure = new Map(ctx.db.select({ id: procedureVersions.id, p: procedureVersions.procedureId }).from(procedureVersions).all().map((v) => [v.id, v.p]));
    for (const table of TABLES) {
      for (const row of ctx.db.select().from(tableOf[table]).all()) {
        const doc = docOf(table, row as never, (id) => versionProcedure.get(id) ?? null);
        if (!doc) continue;
        addFts.run(addDoc.run(doc.kind, (row as { id: string }).id, doc.procedureId).lastInsertRowid, fold(doc.text));
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
