import { Badge, Checkbox, Group, Select } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { downloadFile } from '../components/exportXlsx';

export interface Scope {
  unitId: string | undefined;
  includeSubunits: boolean;
}

/** The unit a training screen looks at: this office and its sub-units by default. */
export function useScope(): [Scope, (s: Scope) => void] {
  const office = useApi('setup.state', {}).data?.office?.id;
  const [scope, setScope] = useState<Scope | null>(null);
  return [scope ?? { unitId: office, includeSubunits: true }, setScope];
}

export function ScopePicker({ scope, onChange }: { scope: Scope; onChange: (s: Scope) => void }) {
  const { t } = useTranslation('training');
  const options = useUnitOptions();
  return (
    <Group gap="sm" wrap="nowrap">
      <Select
        aria-label={t('scope.unit')}
        placeholder={t('scope.all')}
        data={options}
        value={scope.unitId ?? null}
        onChange={(v) => onChange({ ...scope, unitId: v ?? undefined })}
        searchable
        clearable
        w={300}
        // Mantine keeps a closed dropdown's options in the page: ~770 units rendered again on every render of the screen.
        comboboxProps={{ keepMounted: false }}
        data-testid="scope-unit"
      />
      <Checkbox label={t('scope.subunits')} checked={scope.includeSubunits} onChange={(e) => onChange({ ...scope, includeSubunits: e.currentTarget.checked })} />
    </Group>
  );
}

/** Every unit for pickers in forms; the same array while the units are (Select parses a new one again, ~5 ms nationally). */
export function useUnitOptions() {
  const units = useApi('units.list', {}).data;
  return useMemo(() => (units ?? []).map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` })), [units]);
}

type FileOut = ApiOutput<'training.excel.template'>;

/** Saves a file produced by the API (base64) as a download. */
export function saveFile(file: FileOut): void {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  downloadFile(bytes, file.fileName, file.mimeType);
}

export async function downloadTemplate(kind: 'staff' | 'attendance'): Promise<void> {
  saveFile(await call('training.excel.template', { kind }));
}

/** A file's bytes as base64, for the API. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(bin);
}

const resultColour = { passed: 'green', failed: 'orange', absent: 'gray' } as const;

export function ResultBadge({ result }: { result: 'passed' | 'failed' | 'absent' }) {
  const { t } = useTranslation('training');
  return (
    <Badge color={resultColour[result]} variant="light" tt="none">
      {t(`results.${result}`)}
    </Badge>
  );
}

/**
 * Column headers for courses: course names are long, so a column shows its
 * kind ("Nhận thức chung") when no other course has that kind; exports keep
 * the full names.
 */
export function useCourseLabel(courses: { name: string; kind: string }[]): (c: { name: string; kind: string }) => string {
  const { t } = useTranslation('training');
  const count = new Map<string, number>();
  for (const c of courses) count.set(c.kind, (count.get(c.kind) ?? 0) + 1);
  return (c) => (c.kind !== 'other' && count.get(c.kind) === 1 ? t(`kinds.${c.kind as 'awareness'}`) : c.name);
}
