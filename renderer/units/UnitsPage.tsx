import { Badge, Button, Checkbox, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { AddUnitModal } from './UnitForm';

type Row = ApiOutput<'units.list'>[number];

/** The unit tree as a list: every unit with its parent, type, region and status. */
export function UnitsPage() {
  const { t } = useTranslation('units');
  const navigate = useNavigate();
  const [type, setType] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const [adding, setAdding] = useState(false);
  const units = useApi('units.list', { type: (type ?? undefined) as 'district' | undefined, status: all ? 'all' : 'active' }).data ?? [];
  const columns: Column<Row>[] = [
    { key: 'code', header: t('units.code'), value: (r) => r.code, width: 80 },
    { key: 'name', header: t('units.name'), value: (r) => r.name },
    { key: 'type', header: t('units.type'), value: (r) => t(`common:unitType.${r.type}`) },
    { key: 'region', header: t('units.region'), value: (r) => (r.region ? t(`common:region.${r.region}`) : '') },
    { key: 'parent', header: t('units.parent'), value: (r) => r.parentName },
    {
      key: 'status',
      header: t('units.status'),
      value: (r) => t(`common:unitStatus.${r.status}`),
      render: (r) => (
        <Badge color={r.status === 'active' ? 'green' : 'gray'} variant="light">
          {t(`common:unitStatus.${r.status}`)}
          {r.successorName ? ` → ${r.successorName}` : ''}
        </Badge>
      ),
    },
  ];
  return (
    <Stack gap="md">
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        actions={
          <Button onClick={() => setAdding(true)} data-testid="add-unit">
            {t('units.add')}
          </Button>
        }
      />
      <DataTable
        testId="units-table"
        rows={units}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={t('units.export')}
        onRowClick={(r) => navigate(`/units/${r.id}`)}
        empty={t('units.empty')}
        toolbar={
          <>
            <Select
              placeholder={t('units.type')}
              data={(['hq', 'province', 'district', 'affiliated'] as const).map((v) => ({ value: v, label: t(`common:unitType.${v}`) }))}
              value={type}
              onChange={setType}
              clearable
              w={190}
              aria-label={t('units.type')}
            />
            <Checkbox label={t('units.showAll')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
          </>
        }
      />
      <AddUnitModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}
