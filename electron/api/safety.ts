import { z } from 'zod';
import { auditFacets, searchAudit } from '../services/audit';
import { backupNow, listBackups, restore } from '../services/backup';
import { backupsRoot } from '../services/backup/store';
import { checkIntegrity } from '../services/integrity';
import { job, query } from './define';
import { id, isoDate, text } from './schemas';

const path = z.string().min(1, 'REQUIRED').max(1000);

/**
 * The safety net: backups (list, back up now, restore), the integrity check
 * and the audit trail. The audit trail is read-only: there is deliberately no
 * method that edits or deletes change-log entries.
 */
export const safetyApi = {
  'backup.list': query(z.object({}).strict(), (ctx) => ({ folder: backupsRoot(ctx.dataDir), backups: listBackups(ctx) })),
  'backup.now': job(z.object({ folder: path.optional() }).strict(), (ctx, input) => backupNow(ctx, input)),
  'backup.restore': job(z.object({ backup: path }).strict(), (ctx, { backup }) => restore(ctx, backup)),
  'integrity.check': job(z.object({ full: z.boolean().optional() }).strict(), (ctx, { full }) =>
    checkIntegrity(ctx, full ? 'full' : 'quick'),
  ),
  'audit.list': query(
    z
      .object({
        query: text(200).optional(),
        table: text(100).optional(),
        actor: text(200).optional(),
        op: z.enum(['insert', 'update', 'delete']).optional(),
        origin: text(200).optional(),
        rowId: text(100).optional(),
        unitId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    (ctx, filter) => searchAudit(ctx, filter),
  ),
  'audit.facets': query(z.object({}).strict(), (ctx) => auditFacets(ctx)),
};
