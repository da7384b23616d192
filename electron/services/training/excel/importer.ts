import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { attendance, staff, trainingImports } from '../../../../db/schema';
import { AppError, renderMessage, type ErrorCode, type ErrorParams } from '../../../common/errors';
import type { Message } from '../../../common/errors/types';
import { formatVnDate } from '../../../common/dates';
import { fold } from '../../../common/text';
import type { ServiceContext } from '../../context';
import { newId } from '../../ids';
import { insertRow } from '../../records';
import { today } from '../../rules';
import { getUnit, listUnits, type UnitListItem } from '../../units/units';
import { setupState } from '../../setup';
import { addAttendance, attendanceValues, getSession, updateAttendance, type AttendanceResult } from '../sessions';
import { createStaff, findSamePerson, updateStaff, type IsoRole, type Staff } from '../staff';
import { cellChoice, cellDate, cellText } from './cells';
import { choices, sheetColumns, type SheetColumn, type SheetKind } from './columns';
import { loadWorkbook, readSheet, type ReadSheet, type SheetRow } from './read';

export interface ImportProblem {
  /** Excel row number. */
  row: number;
  /** Column letter in the file ('' when the column is missing from the file). */
  column: string;
  /** The column's header as written in the file, or as ISO Desk names it. */
  header: string;
  code: ErrorCode;
  params: ErrorParams;
  message: Message;
}

export type RowAction = 'create' | 'update' | 'unchanged';

export interface PlannedRow {
  row: number;
  ok: boolean;
  action: RowAction;
  fullName: string;
  unitName: string;
  /** Attendance import: the person is new and will be added to the staff list. */
  newStaff: boolean;
  result?: AttendanceResult;
}

export interface ImportRequest {
  kind: SheetKind;
  fileName: string;
  bytes: Buffer;
  /** Attendance import: the session the list belongs to. */
  sessionId?: string;
  /** Unit used for rows whose unit cell is empty (attendance defaults to the session's organiser). */
  defaultUnitId?: string;
}

export interface ImportPreview {
  kind: SheetKind;
  fileName: string;
  sheetName: string;
  headerRow: number;
  /** Recognised columns as found in the file. */
  columns: { key: string; letter: string; header: string }[];
  /** Headers in the file that are not read. */
  ignoredColumns: string[];
  rowsRead: number;
  validRows: number;
  counts: Record<RowAction, number> & { newStaff: number };
  problems: ImportProblem[];
  rows: PlannedRow[];
}

/** What the commit will apply for one valid row. */
type Apply = (ctx: ServiceContext) => void;

interface Plan {
  preview: ImportPreview;
  apply: { row: number; run: Apply }[];
}

/** Matches a unit cell: its code, its name, or its name without "BHXH", ignoring diacritics. */
function unitResolver(ctx: ServiceContext) {
  const all = listUnits(ctx, { status: 'all' });
  const active = (u: UnitListItem) => (u.status === 'active' ? 0 : 1);
  const byKey = new Map<string, UnitListItem>();
  for (const u of [...all].sort((a, b) => active(b) - active(a))) {
    byKey.set(`code:${u.code.toLowerCase()}`, u);
    byKey.set(`name:${fold(u.name)}`, u);
    byKey.set(`name:${fold(u.name).replace(/^bhxh /, '')}`, u);
  }
  return (text: string): UnitListItem | undefined =>
    byKey.get(`code:${text.toLowerCase()}`) ?? byKey.get(`name:${fold(text)}`) ?? byKey.get(`name:${fold(text).replace(/^bhxh /, '')}`);
}

class RowReader {
  problems: ImportProblem[] = [];
  constructor(
    private readonly sheet: ReadSheet,
    private readonly columns: SheetColumn[],
    readonly row: SheetRow,
  ) {}

  private header(key: string): { letter: string; header: string } {
    const found = this.sheet.columns[key];
    if (found) return found;
    return { letter: '', header: this.columns.find((c) => c.key === key)?.header.replace(/\s*\(.*\)$/, '') ?? key };
  }

  problem(key: string, code: ErrorCode, params: ErrorParams = {}): void {
    const { letter, header } = this.header(key);
    const p = { column: header.replace(/\s*\(.*\)$/, ''), ...params };
    this.problems.push({ row: this.row.row, column: letter, header, code, params: p, message: renderMessage(code, p) });
  }

  /** An AppError from a service rule, reported on the column of its field. */
  fromError(err: unknown, fallbackKey: string): void {
    if (!(err instanceof AppError)) throw err;
    const key = err.field && this.columns.some((c) => c.key === err.field) ? err.field : fallbackKey;
    const { letter, header } = this.header(key);
    this.problems.push({ row: this.row.row, column: letter, header, code: err.code, params: err.params, message: renderMessage(err.code, err.params) });
  }

  text(key: string): string {
    const value = cellText(this.row.values[key]);
    const def = this.columns.find((c) => c.key === key)!;
    if (!value && def.required) this.problem(key, 'XL_REQUIRED');
    if (def.max && value.length > def.max) this.problem(key, 'XL_TOO_LONG', { max: def.max });
    return value;
  }

  date(key: string, notAfter?: string): string | null {
    const parsed = cellDate(this.row.values[key]);
    if (!parsed.ok) {
      this.problem(key, 'XL_BAD_DATE', { value: parsed.text });
      return null;
    }
    if (parsed.iso && notAfter && parsed.iso > notAfter) this.problem(key, 'XL_FUTURE_DATE', { value: formatVnDate(parsed.iso) });
    return parsed.iso;
  }

  choice<K extends string>(key: string, options: Record<K, readonly string[]>): K | null {
    const value = this.text(key);
    if (!value) return null;
    const k = cellChoice(value, options);
    if (!k) this.problem(key, 'XL_UNKNOWN_VALUE', { value, allowed: Object.values<readonly string[]>(options).map((v) => v[0]).join(', ') });
    return k;
  }
}

/**
 * Lists often carry only names: with neither staff code nor birth date, the
 * unit's only person of that name (ignoring diacritics) is taken; several
 * are a problem for the row.
 */
function byNameOnly(ctx: ServiceContext, r: RowReader, unitId: string, fullName: string, staffCode: string, birthDate: string | null): Staff | undefined {
  if (birthDate || staffCode) return undefined;
  const named = ctx.db
    .select()
    .from(staff)
    .where(and(eq(staff.unitId, unitId), eq(staff.deleted, false)))
    .all()
    .filter((s) => fold(s.fullName) === fold(fullName));
  if (named.length > 1) r.problem('fullName', 'XL_AMBIGUOUS_STAFF', { value: fullName, count: named.length });
  return named.length === 1 ? named[0] : undefined;
}

/** Key under which two rows of one file are the same person. */
function fileKey(unitId: string, code: string, name: string, birth: string | null): string[] {
  const keys = [`n|${unitId}|${fold(name)}|${birth ?? ''}`];
  if (code) keys.push(`c|${unitId}|${code}`);
  return keys;
}

function emptyPreview(req: ImportRequest, sheet: ReadSheet): ImportPreview {
  return {
    kind: req.kind,
    fileName: req.fileName,
    sheetName: sheet.sheetName,
    headerRow: sheet.headerRow,
    columns: Object.entries(sheet.columns).map(([key, v]) => ({ key, ...v })),
    ignoredColumns: sheet.ignored,
    rowsRead: sheet.rows.length,
    validRows: 0,
    counts: { create: 0, update: 0, unchanged: 0, newStaff: 0 },
    problems: [],
    rows: [],
  };
}

/** Who a row is about: the cells every kind of list carries, read in this order (so problems keep their order). */
interface PersonCells {
  fullName: string;
  staffCode: string;
  birthDate: string | null;
  unitText: string;
  unit: { id: string; name: string } | undefined;
}

/** What both row loops share: unit look-up, the default unit, the file's earlier rows, today. */
interface RowContext {
  resolveUnit: (text: string) => { id: string; name: string } | undefined;
  defaultUnit: { id: string; name: string } | undefined;
  /** File key → first row number with it. */
  seen: Map<string, number>;
  onDate: string;
}

function rowContext(ctx: ServiceContext, defaultUnitId: string | undefined): RowContext {
  return { resolveUnit: unitResolver(ctx), defaultUnit: defaultUnitId ? getUnit(ctx, defaultUnitId) : undefined, seen: new Map(), onDate: today(ctx) };
}

/** Reads name, staff code, birth date and unit (the default unit when the cell is empty), noting an unknown or missing unit. */
function readPerson(r: RowReader, rc: RowContext): PersonCells {
  const fullName = r.text('fullName');
  const staffCode = r.text('staffCode');
  const birthDate = r.date('birthDate', rc.onDate);
  const unitText = r.text('unit');
  const unit = unitText ? rc.resolveUnit(unitText) : rc.defaultUnit;
  if (unitText && !unit) r.problem('unit', 'XL_UNKNOWN_UNIT', { value: unitText });
  if (!unitText && !unit) r.problem('unit', 'XL_REQUIRED');
  return { fullName, staffCode, birthDate, unitText, unit };
}

/**
 * The stored person a row names, if any: the same row twice in the file is a
 * problem, a staff code held by someone else is a problem, and a bare name
 * matches the unit's only person of that name.
 */
function matchPerson(ctx: ServiceContext, r: RowReader, rc: RowContext, p: PersonCells): Staff | undefined {
  if (!p.unit || !p.fullName) return undefined;
  for (const k of fileKey(p.unit.id, p.staffCode, p.fullName, p.birthDate)) {
    const other = rc.seen.get(k);
    if (other !== undefined) r.problem('fullName', 'XL_DUPLICATE_ROW', { other });
    else rc.seen.set(k, r.row.row);
  }
  const same = findSamePerson(ctx, p.unit.id, { staffCode: p.staffCode, fullName: p.fullName, birthDate: p.birthDate });
  if (same?.by === 'code' && fold(same.row.fullName) !== fold(p.fullName)) {
    r.problem('staffCode', 'XL_CODE_OTHER_PERSON', { value: p.staffCode, name: same.row.fullName });
  }
  return same?.row ?? byNameOnly(ctx, r, p.unit.id, p.fullName, p.staffCode, p.birthDate);
}

/** Adds a row's outcome to the preview; true when the row is valid and will be saved. */
function tallyRow(preview: ImportPreview, r: RowReader, p: PersonCells, action: RowAction, newStaff: boolean, result?: AttendanceResult): boolean {
  const ok = r.problems.length === 0;
  preview.problems.push(...r.problems);
  preview.rows.push({ row: r.row.row, ok, action, fullName: p.fullName, unitName: p.unit?.name ?? p.unitText, newStaff, ...(result ? { result } : {}) });
  if (!ok) return false;
  preview.validRows++;
  preview.counts[action]++;
  if (newStaff) preview.counts.newStaff++;
  return true;
}

function planStaff(ctx: ServiceContext, req: ImportRequest, sheet: ReadSheet): Plan {
  const columns = sheetColumns.staff;
  const preview = emptyPreview(req, sheet);
  const apply: Plan['apply'] = [];
  const rc = rowContext(ctx, req.defaultUnitId);
  for (const row of sheet.rows) {
    const r = new RowReader(sheet, columns, row);
    const cells = readPerson(r, rc);
    const { fullName, staffCode, birthDate } = cells;
    const fields = {
      department: r.text('department'),
      position: r.text('position'),
      phone: r.text('phone'),
      email: r.text('email'),
      note: r.text('note'),
    };
    const isoRole = r.choice('isoRole', choices.isoRole) as IsoRole | null;
    const status = r.choice('status', choices.status);
    let action: RowAction = 'create';
    const existing = matchPerson(ctx, r, rc, cells);
    // A filled cell replaces the stored value; an empty one keeps it.
    const patch = Object.fromEntries(
      Object.entries({ staffCode, birthDate, ...fields, isoRole, status }).filter(([, v]) => v !== null && v !== ''),
    ) as Partial<Staff>;
    if (existing) {
      const changed = Object.entries(patch).some(([k, v]) => existing[k as keyof Staff] !== v) || existing.fullName !== fullName;
      action = changed ? 'update' : 'unchanged';
    }
    if (!tallyRow(preview, r, cells, action, action === 'create')) continue;
    const unitId = cells.unit!.id;
    if (action === 'create') apply.push({ row: row.row, run: (c) => void createStaff(c, { unitId, fullName, ...patch } as never) });
    else if (action === 'update') apply.push({ row: row.row, run: (c) => void updateStaff(c, existing!.id, { fullName, ...patch } as never) });
  }
  return { preview, apply };
}

function planAttendance(ctx: ServiceContext, req: ImportRequest, sheet: ReadSheet): Plan {
  const columns = sheetColumns.attendance;
  const preview = emptyPreview(req, sheet);
  const apply: Plan['apply'] = [];
  if (!req.sessionId) throw new AppError('REQUIRED', { field: 'session' }, 'sessionId');
  const session = getSession(ctx, req.sessionId);
  const rc = rowContext(ctx, req.defaultUnitId ?? session.unitId);
  const onSession = new Map(
    ctx.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.sessionId, session.id), eq(attendance.deleted, false)))
      .all()
      .map((a) => [a.staffId, a]),
  );
  for (const row of sheet.rows) {
    const r = new RowReader(sheet, columns, row);
    const cells = readPerson(r, rc);
    const { fullName, staffCode, birthDate } = cells;
    const department = r.text('department');
    const position = r.text('position');
    const result = r.choice('result', choices.result);
    const certificateNo = r.text('certificateNo');
    const certificateDate = r.date('certificateDate');
    const certificateExpiry = r.date('certificateExpiry');
    const note = r.text('note');
    if (certificateNo && result && result !== 'passed') r.problem('certificateNo', 'XL_CERT_NEEDS_PASS');
    const person = matchPerson(ctx, r, rc, cells);
    let values: ReturnType<typeof attendanceValues> | null = null;
    if (result && !r.problems.some((p) => p.code === 'XL_CERT_NEEDS_PASS' || p.code === 'XL_BAD_DATE')) {
      try {
        values = attendanceValues(
          ctx,
          session,
          { staffId: '', result, certificateNo, certificateDate, certificateExpiry: certificateExpiry ?? undefined, note },
          fullName,
        );
      } catch (err) {
        r.fromError(err, 'certificateDate');
      }
    }
    const existing = person ? onSession.get(person.id) : undefined;
    let action: RowAction = 'create';
    if (existing && values) {
      const same =
        existing.result === values.result &&
        existing.certificateNo === values.certificateNo &&
        existing.certificateDate === values.certificateDate &&
        existing.certificateExpiry === values.certificateExpiry &&
        (existing.note === values.note || !note);
      action = same ? 'unchanged' : 'update';
    }
    if (!tallyRow(preview, r, cells, action, !person, result ?? undefined)) continue;
    const unitId = cells.unit!.id;
    const entry = { result: result!, certificateNo, certificateDate, certificateExpiry: certificateExpiry ?? undefined, note };
    apply.push({
      row: row.row,
      run: (c) => {
        let staffId = person?.id;
        if (!staffId) {
          staffId = createStaff(c, { unitId, fullName, staffCode, birthDate, department, position }).id;
        } else {
          // Fill what the staff record lacks; never overwrite it from an attendance list.
          const fill = Object.fromEntries(
            Object.entries({ staffCode, birthDate, department, position }).filter(([k, v]) => v && !person![k as keyof Staff]),
          );
          if (Object.keys(fill).length) updateStaff(c, staffId, fill);
        }
        if (action === 'create') addAttendance(c, session.id, [{ staffId, ...entry }]);
        else if (action === 'update') updateAttendance(c, existing!.id, entry);
      },
    });
  }
  return { preview, apply };
}

async function plan(ctx: ServiceContext, req: ImportRequest): Promise<Plan> {
  const wb = await loadWorkbook(req.bytes, req.fileName);
  const sheet = readSheet(wb, sheetColumns[req.kind]);
  const p = req.kind === 'staff' ? planStaff(ctx, req, sheet) : planAttendance(ctx, req, sheet);
  p.preview.problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return p;
}

/** Reads a staff or attendance file and lists, without saving anything, what it would do and every problem by row and column. */
export async function previewImport(ctx: ServiceContext, req: ImportRequest): Promise<ImportPreview> {
  return (await plan(ctx, req)).preview;
}

export interface ImportResult extends ImportPreview {
  importId: string;
  saved: number;
  skipped: number;
}

/**
 * Saves an import in one transaction: 'all' saves only when the file has no
 * problem at all; 'valid' saves the valid rows and skips the others. The
 * import is recorded (training_imports) and every change it makes carries
 * its id as origin in the change log.
 */
export async function commitImport(ctx: ServiceContext, req: ImportRequest & { mode: 'all' | 'valid' }): Promise<ImportResult> {
  const { preview, apply } = await plan(ctx, req);
  if (req.mode === 'all' && preview.problems.length > 0) throw new AppError('IMPORT_HAS_PROBLEMS', { count: preview.problems.length });
  if (preview.validRows === 0) throw new AppError('IMPORT_NOTHING_VALID');
  const importId = newId();
  const scoped: ServiceContext = { ...ctx, origin: `import:${importId}` };
  // The session's organiser owns an attendance import; the chosen (else this office's) unit a staff import.
  const owner = req.kind === 'attendance' ? getSession(ctx, req.sessionId!).unitId : (req.defaultUnitId ?? setupState(ctx).office!.id);
  ctx.sqlite.transaction(() => {
    for (const a of apply) a.run(scoped);
    insertRow(scoped, trainingImports, {
      id: importId,
      unitId: owner,
      kind: req.kind,
      fileName: req.fileName,
      sha256: createHash('sha256').update(req.bytes).digest('hex'),
      sessionId: req.kind === 'attendance' ? req.sessionId! : null,
      mode: req.mode,
      rowsRead: preview.rowsRead,
      rowsSaved: preview.validRows,
      rowsSkipped: preview.rowsRead - preview.validRows,
      staffCreated: preview.counts.newStaff,
    });
  })();
  return { ...preview, importId, saved: preview.validRows, skipped: preview.rowsRead - preview.validRows };
}
