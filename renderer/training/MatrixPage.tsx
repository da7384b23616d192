import { Badge, Button, Checkbox, Group, Paper, Progress, SimpleGrid, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { saveFile, ScopePicker, useCourseLabel, useScope } from './shared';

type Matrix = ApiOutput<'training.matrix'>;
type Row = Matrix['rows'][number];
type UnitRow = Matrix['units'][number];
type Expiring = Matrix['expiring'][number];
type State = Row['cells'][string]['state'];

const colour: Record<State, string> = { valid: 'green', expiring: 'yellow', expired: 'red', missing: 'red', none: 'gray' };
export const coverageColour = (p: number | null) => (p === null ? 'gray' : p >= 90 ? 'green' : p >= 60 ? 'yellow' : 'red');

/** The training matrix: coverage per unit, people × courses in colour, certificates expiring soon. */
export function MatrixPage() {
  const { t } = useTranslation('training');
  const [scope, setScope] = useScope();
  const [onlyMissing, setOnlyMissing] = useState(false);
  const m = useApi('training.matrix', scope).data;
  const days = m?.windowDays ?? 90;
  const cellText = (s: State, expiry: string | null) => (s === 'none' ? '' : `${t(`matrix.state.${s}`)}${expiry && s !== 'missing' ? ` (${formatVnDate(expiry)})` : ''}`);
  const shortName = useCourseLabel(m?.courses ?? []);
  const gridColumns: Column<Row>[] = [
    { key: 'fullName', header: t('staff.fullName'), value: (r) => r.fullName, render: (r) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{r.fullName}</Text> },
    { key: 'unit', header: t('staff.unit'), value: (r) => r.unitName, render: (r) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{r.unitName}</Text> },
    { key: 'role', header: t('staff.isoRole'), value: (r) => (r.isoRole === 'none' ? '' : t(`roles.${r.isoRole}`)) },
    ...(m?.courses ?? []).map(
      (c): Column<Row> => ({
        key: c.id,
        header: shortName(c),
        value: (r) => cellText(r.cells[c.id].state, r.cells[c.id].certificateExpiry),
        render: (r) => {
          const cell = r.cells[c.id];
          if (cell.state === 'none') return <span data-testid={`matrix-${r.fullName}-${c.code}`} />;
          return (
            <Tooltip label={cell.certificateNo ? `${cell.certificateNo}${cell.certificateExpiry ? ` · ${formatVnDate(cell.certificateExpiry)}` : ''}` : cell.required ? '' : t('matrix.noRequirement')} disabled={!cell.certificateNo && cell.required}>
              <Badge tt="none" color={colour[cell.state]} variant={cell.state === 'missing' ? 'outline' : cell.required ? 'filled' : 'light'} data-testid={`matrix-${r.fullName}-${c.code}`} data-state={cell.state}>
                {t(`matrix.state.${cell.state}`)}
              </Badge>
            </Tooltip>
          );
        },
      }),
    ),
    {
      key: 'coverage',
      header: t('matrix.coverage'),
      type: 'number',
      value: (r) => (r.required ? Math.round((r.satisfied / r.required) * 100) : null),
      render: (r) => (r.required ? `${r.satisfied}/${r.required}` : '—'),
    },
  ];
  const unitColumns: Column<UnitRow>[] = [
    { key: 'code', header: t('courses.code'), value: (u) => u.unitCode, width: 80 },
    { key: 'name', header: t('staff.unit'), value: (u) => u.unitName },
    { key: 'staff', header: t('matrix.people'), value: (u) => u.staff, type: 'number' },
    { key: 'required', header: t('matrix.required'), value: (u) => u.required, type: 'number' },
    { key: 'satisfied', header: t('matrix.satisfied'), value: (u) => u.satisfied, type: 'number' },
    {
      key: 'coverage',
      header: t('matrix.coverage'),
      value: (u) => u.coverage,
      type: 'number',
      width: 200,
      render: (u) =>
        u.coverage === null ? (
          '—'
        ) : (
          <Group gap="xs" wrap="nowrap" data-testid={`coverage-${u.unitCode}`}>
            <Progress value={u.coverage} color={coverageColour(u.coverage)} w={100} />
            <Text size="sm">{u.coverage.toLocaleString('vi-VN')} %</Text>
          </Group>
        ),
    },
    { key: 'missing', header: t('matrix.peopleMissing'), value: (u) => u.peopleMissing, type: 'number' },
  ];
  const expiringColumns: Column<Expiring>[] = [
    { key: 'fullName', header: t('staff.fullName'), value: (e) => e.fullName },
    { key: 'unit', header: t('staff.unit'), value: (e) => e.unitName },
    { key: 'course', header: t('sessions.course'), value: (e) => e.courseName },
    { key: 'certificateNo', header: t('session.certificateNo'), value: (e) => e.certificateNo },
    { key: 'expiry', header: t('session.certificateExpiry'), value: (e) => e.certificateExpiry, type: 'date' },
    { key: 'days', header: t('matrix.daysLeft'), value: (e) => e.daysLeft, type: 'number' },
  ];
  const stat = (label: string, value: string, c?: string) => (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={c}>
        {value}
      </Text>
    </Paper>
  );
  const rows = (m?.rows ?? []).filter((r) => !onlyMissing || r.missing.length > 0);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('matrix.title')}
        subtitle={t('matrix.subtitle', { days })}
        actions={
          <Button variant="light" onClick={async () => saveFile(await call('training.excel.exportMatrix', scope))}>
            {t('matrix.exportColour')}
          </Button>
        }
      />
      <Group>
        <ScopePicker scope={scope} onChange={setScope} />
      </Group>
      {m && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          {stat(t('matrix.coverage'), m.total.coverage === null ? '—' : `${m.total.coverage.toLocaleString('vi-VN')} %`, `${coverageColour(m.total.coverage)}.8`)}
          {stat(t('matrix.people'), String(m.total.staff))}
          {stat(t('matrix.peopleMissing'), String(m.total.peopleMissing), m.total.peopleMissing ? 'red.8' : undefined)}
          {stat(t('matrix.expiring'), String(m.expiring.length), m.expiring.length ? 'yellow.9' : undefined)}
        </SimpleGrid>
      )}
      <Tabs defaultValue="grid" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="grid">{t('matrix.grid')}</Tabs.Tab>
          <Tabs.Tab value="units">{t('matrix.byUnit')}</Tabs.Tab>
          <Tabs.Tab value="expiring" data-testid="tab-expiring">
            {t('matrix.expiring')} ({m?.expiring.length ?? 0})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="grid" pt="sm">
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {t('matrix.legend')}
            </Text>
            <DataTable
              testId="matrix-table"
              rows={rows}
              columns={gridColumns}
              rowKey={(r) => r.staffId}
              exportName={t('matrix.export')}
              empty={t('matrix.empty')}
              toolbar={<Checkbox label={t('matrix.onlyMissing')} checked={onlyMissing} onChange={(e) => setOnlyMissing(e.currentTarget.checked)} />}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="units" pt="sm">
          <DataTable testId="coverage-table" rows={m?.units ?? []} columns={unitColumns} rowKey={(u) => u.unitId} exportName={t('matrix.exportUnits')} empty={t('matrix.empty')} />
        </Tabs.Panel>
        <Tabs.Panel value="expiring" pt="sm">
          <DataTable
            testId="expiring-table"
            rows={m?.expiring ?? []}
            columns={expiringColumns}
            rowKey={(e) => `${e.staffId}-${e.courseTypeId}`}
            exportName={t('matrix.exportExpiring')}
            empty={t('matrix.noExpiring', { days })}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
