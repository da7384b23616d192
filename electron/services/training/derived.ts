import { fold } from '../../common/text';
import type { ServiceContext } from '../context';
import { cachedStatement } from '../statements';

/**
 * Two local tables derived from the training rows, so that national lists
 * and the matrix are SQL look-ups rather than JavaScript over every row:
 * - staff_search: each person's folded search text and sort key;
 * - staff_qualifications: each person's best pass per course (latest expiry).
 * They are never synchronised. Like the procedures' search index they follow
 * the change log, so a row written by any path (a service, an Excel import, a
 * signed bundle, a merge, a test's direct insertRow) is picked up on the next
 * read, and the migration needs no Vietnamese folding in SQL: the first read
 * after it builds both tables from the synchronised rows.
 */

/** Beyond this many changed people, one rebuild is cheaper than following the log row by row. */
export const REBUILD_FROM = 5000;

/** Expiry stored for a pass that never expires: sorts after every real date. */
export const NEVER_EXPIRES = '9999-12-31';

/** Vietnamese lists sort by given name (the last word), then the whole name. */
export function nameSortKey(fullName: string): string {
  const words = fold(fullName).split(' ');
  return `${words.at(-1)} ${words.join(' ')}`;
}

interface StaffText {
  id: string;
  full_name: string;
  staff_code: string;
  position: string;
  department: string;
}

/** Rows of the search table for these people (the staff row's own text; the unit's name is matched separately). */
function writeSearch(ctx: ServiceContext, people: StaffText[]): void {
  const put = cachedStatement(ctx.sqlite, 'INSERT OR REPLACE INTO staff_search (staff_id, search_key, name_key, sort_key) VALUES (?, ?, ?, ?)');
  for (const p of people) {
    put.run(p.id, fold(`${p.full_name} ${p.staff_code} ${p.position} ${p.department}`), fold(p.full_name), nameSortKey(p.full_name));
  }
}

const QUALIFICATIONS = `
  SELECT a.staff_id, s.course_type_id, max(coalesce(a.certificate_expiry, '${NEVER_EXPIRES}'))
    FROM attendance a JOIN training_sessions s ON s.id = a.session_id
   WHERE a.deleted = 0 AND a.result = 'passed' AND s.deleted = 0`;

// Every training read asks these two first: cached statements keep that at two index look-ups.
function lastSeq(ctx: ServiceContext): number | null {
  const row = cachedStatement(ctx.sqlite, 'SELECT last_seq FROM training_derived_state WHERE id = 1').get() as { last_seq: number } | undefined;
  return row ? row.last_seq : null;
}

const maxSeq = (ctx: ServiceContext): number => (cachedStatement(ctx.sqlite, 'SELECT coalesce(max(seq), 0) AS m FROM change_log').get() as { m: number }).m;

function setSeq(ctx: ServiceContext, seq: number): void {
  cachedStatement(ctx.sqlite, 'INSERT OR REPLACE INTO training_derived_state (id, last_seq) VALUES (1, ?)').run(seq);
}

/** Drops and rebuilds both tables from the synchronised rows (first use after the migration, or a large delta); returns the change log's position. */
export function rebuildTrainingDerived(ctx: ServiceContext): number {
  return ctx.sqlite.transaction(() => {
    const seq = maxSeq(ctx);
    ctx.sqlite.prepare('DELETE FROM staff_search').run();
    ctx.sqlite.prepare('DELETE FROM staff_qualifications').run();
    writeSearch(ctx, ctx.sqlite.prepare('SELECT id, full_name, staff_code, position, department FROM staff WHERE deleted = 0').all() as StaffText[]);
    ctx.sqlite.prepare(`INSERT INTO staff_qualifications (staff_id, course_type_id, best_expiry) ${QUALIFICATIONS} GROUP BY a.staff_id, s.course_type_id`).run();
    setSeq(ctx, seq);
    return seq;
  })();
}

/**
 * The people whose training standing may have changed between two change-log
 * positions: their staff row itself; attendance rows (old and new owner: a
 * merge moves them); every attendee of a changed session. The changes of the
 * range are read first (MATERIALIZED, CROSS JOIN): otherwise SQLite starts
 * from every change ever logged for the staff table.
 */
export function trainingPeopleChanged(ctx: ServiceContext, last: number, max: number): string[] {
  const ids = cachedStatement(
    ctx.sqlite,
    `WITH changed AS MATERIALIZED (SELECT table_name, row_id, old_json FROM change_log WHERE seq > @last AND seq <= @max
                                    AND table_name IN ('staff', 'attendance', 'training_sessions'))
     SELECT row_id FROM changed WHERE table_name = 'staff'
     UNION SELECT a.staff_id FROM changed c CROSS JOIN attendance a ON a.id = c.row_id WHERE c.table_name = 'attendance'
     UNION SELECT c.old_json ->> '$.staff_id' FROM changed c WHERE c.table_name = 'attendance' AND c.old_json IS NOT NULL
     UNION SELECT a.staff_id FROM changed c CROSS JOIN attendance a ON a.session_id = c.row_id WHERE c.table_name = 'training_sessions'`,
  )
    .pluck()
    .all({ last, max }) as (string | null)[];
  return ids.filter((id): id is string => !!id);
}

/**
 * Brings both tables up to date with the change log: only the people whose
 * staff row, attendance, or sessions changed since the last call. Cheap when
 * nothing changed (two look-ups), so every training read calls it first.
 * Returns the change log's position the tables now reflect: it moves with
 * every change to a synchronised row, whatever its table.
 */
export function refreshTrainingDerived(ctx: ServiceContext): number {
  const last = lastSeq(ctx);
  if (last === null) return rebuildTrainingDerived(ctx);
  const max = maxSeq(ctx);
  if (max <= last) return last;
  return ctx.sqlite.transaction(() => {
    const touched = trainingPeopleChanged(ctx, last, max);
    if (touched.length > REBUILD_FROM) return rebuildTrainingDerived(ctx);
    const ids = JSON.stringify(touched);
    cachedStatement(ctx.sqlite, 'DELETE FROM staff_search WHERE staff_id IN (SELECT value FROM json_each(?))').run(ids);
    writeSearch(
      ctx,
      cachedStatement(ctx.sqlite, 'SELECT id, full_name, staff_code, position, department FROM staff WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))').all(
        ids,
      ) as StaffText[],
    );
    cachedStatement(ctx.sqlite, 'DELETE FROM staff_qualifications WHERE staff_id IN (SELECT value FROM json_each(?))').run(ids);
    cachedStatement(
      ctx.sqlite,
      `INSERT INTO staff_qualifications (staff_id, course_type_id, best_expiry)
       ${QUALIFICATIONS} AND a.staff_id IN (SELECT value FROM json_each(?)) GROUP BY a.staff_id, s.course_type_id`,
    ).run(ids);
    setSeq(ctx, max);
    return max;
  })();
}
