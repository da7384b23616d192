import { Group, SegmentedControl, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';

export interface ScopeValue {
  mode: 'office' | 'unit' | 'subtree';
  /** Absent: this office. */
  unitId?: string;
}

/** This office only, one unit, or a unit and everything below it. */
export function ScopePicker({ value, onChange }: { value: ScopeValue; onChange: (v: ScopeValue) => void }) {
  const { t } = useTranslation('dashboard');
  const units = useApi('units.list', {}).data ?? [];
  const office = useApi('setup.state', {}).data?.office;
  return (
    <Group gap="sm" wrap="wrap">
      <SegmentedControl
        aria-label={t('scope.label')}
        data-testid="scope-mode"
        value={value.mode}
        onChange={(mode) => onChange({ mode: mode as ScopeValue['mode'], unitId: mode === 'office' ? undefined : value.unitId })}
        data={[
          { value: 'subtree', label: t('scope.subtree') },
          { value: 'unit', label: t('scope.unit') },
          { value: 'office', label: t('scope.office') },
        ]}
      />
      {value.mode !== 'office' && (
        <Select
          data-testid="scope-unit"
          aria-label={t('scope.pickUnit')}
          placeholder={office ? `${office.code} · ${office.name}` : t('scope.pickUnit')}
          searchable
          clearable
          w={280}
          value={value.unitId ?? null}
          onChange={(unitId) => onChange({ ...value, unitId: unitId ?? undefined })}
          data={units.filter((u) => u.type !== 'hq').map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))}
        />
      )}
    </Group>
  );
}
