import { Badge, Button, Checkbox, Group, Paper, Progress, SimpleGrid, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { formatNumber } from '../../electron/common/reports';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { MATRIX_PAGE, MATRIX_PEOPLE_MAX } from '../../electron/common/limits';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { saveFile, ScopePicker, useCourseLabel, useScope } from './shared';

type Matrix = ApiOutput<'training.matrix'>;
type People = ApiOutput<'training.matrix.people'>;
type Row = People['rows'][number];
type UnitRow = Matrix['units'][number];
type Expiring = Matrix['expiring'][number];
type State = Row['cells'][string]['state'];

const colour: Record<State, string> = { valid: 'green', expiring: 'yellow', expired: 'red', missing: 'red', none: 'gray' };
export const coverageColour = (p: number | null) => (p === null ? 'gray' : p >= 90 ? 'green' : p >= 60 ? 'yellow' : 'red');
const pct = (satisfied: number, required: number) => (required ? Math.round((satisfied / required) * 1000) / 10 : null);

/**
 * The training matrix: coverage per unit and per required course for the
 * scope (up to the whole nation), a unit's people × courses in colour on
 * drill-down, and certificates expiring soon.
 */
export function MatrixPage() {
  const { t } = useTranslation('training');
  const [scope, setScope] = useScope();
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const m = useApi('training.matrix', scope).data;
  const days = m?.windowDays ?? 90;
  const shortName = useCourseLabel(m?.courses ?? []);
  const changeScope = (s: typeof scope) => (setPicked(null), setScope(s));
  // A scope of one unit opens on its people; several open on the units.
  const only = m?.units.length === 1 ? { id: m.units[0].unitId, name: m.units[0].unitName } : null;
  const unit = picked ?? only;
  const required = (m?.courses ?? []).filter((c) => m?.requiredCourses.includes(c.id));
  const unitColumns: Column<UnitRow>[] = [
    { key: 'code', header: t('courses.code'), value: (u) => u.unitCode, width: 80 },
    { key: 'name', header: t('staff.unit'), value: (u) => u.unitName },
    { key: 'staff', header: t('matrix.people'), value: (u) => u.staff, type: 'number' },
    ...required.map(
      (c): Column<UnitRow> => ({
        key: `course-${c.id}`,
        header: shortName(c),
        type: 'number',
        value: (u) => (u.courses[c.id] ? pct(u.courses[c.id].satisfied, u.courses[c.id].required) : null),
        render: (u) => {
          const cc = u.courses[c.id];
          if (!cc) return '—';
          return (
            <Text size="sm" c={`${coverageColour(pct(cc.satisfied, cc.required))}.8`} style={{ whiteSpace: 'nowrap' }}>
              {cc.satisfied}/{cc.required}
            </Text>
          );
        },
      }),
    ),
    {
      key: 'coverage',
      header: t('matrix.coverage'),
      value: (u) => u.coverage,
      type: 'number',
      width: 190,
      render: (u) =>
        u.coverage === null ? (
          '—'
        ) : (
          <Group gap="xs" wrap="nowrap" data-testid={`coverage-${u.unitCode}`}>
            <Progress value={u.coverage} color={coverageColour(u.coverage)} w={90} />
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
        <ScopePicker scope={scope} onChange={changeScope} />
      </Group>
      {m && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          {stat(t('matrix.coverage'), m.total.coverage === null ? '—' : `${m.total.coverage.toLocaleString('vi-VN')} %`, `${coverageColour(m.total.coverage)}.8`)}
          {stat(t('matrix.people'), formatNumber(m.total.staff))}
          {stat(t('matrix.peopleMissing'), formatNumber(m.total.peopleMissing), m.total.peopleMissing ? 'red.8' : undefined)}
          {stat(t('matrix.expiring'), formatNumber(m.expiring.length), m.expiring.length ? 'yellow.9' : undefined)}
        </SimpleGrid>
      )}
      <Tabs defaultValue="units" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="units">{unit ? t('matrix.grid') : t('matrix.byUnit')}</Tabs.Tab>
          <Tabs.Tab value="expiring" data-testid="tab-expiring">
            {t('matrix.expiring')} ({m?.expiring.length ?? 0})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="units" pt="sm">
          {unit ? (
            <UnitPeople key={unit.id} unit={unit} onBack={picked && !only ? () => setPicked(null) : undefined} />
          ) : (
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                {t('matrix.drillHint')}
              </Text>
              <DataTable
                testId="coverage-table"
                rows={m?.units ?? []}
                columns={unitColumns}
                rowKey={(u) => u.unitId}
                onRowClick={(u) => setPicked({ id: u.unitId, name: u.unitName })}
                exportName={t('matrix.exportUnits')}
                empty={t('matrix.empty')}
              />
            </Stack>
          )}
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

/** One unit's people × courses (drill-down), a page at a time. */
function UnitPeople({ unit, onBack }: { unit: { id: string; name: string }; onBack?: () => void }) {
  const { t } = useTranslation('training');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [limit, setLimit] = useState(MATRIX_PAGE);
  const p = useApi('training.matrix.people', { unitId: unit.id, onlyMissing, limit }).data;
  const shortName = useCourseLabel(p?.courses ?? []);
  const cellText = (s: State, expiry: string | null) => (s === 'none' ? '' : `${t(`matrix.state.${s}`)}${expiry && s !== 'missing' ? ` (${formatVnDate(expiry)})` : ''}`);
  const gridColumns: Column<Row>[] = [
    { key: 'fullName', header: t('staff.fullName'), value: (r) => r.fullName, render: (r) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{r.fullName}</Text> },
    { key: 'position', header: t('staff.position'), value: (r) => r.position, render: (r) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{r.position}</Text> },
    {
      key: 'role',
      header: t('staff.isoRole'),
      value: (r) => (r.isoRole === 'none' ? '' : t(`roles.${r.isoRole}`)),
      render: (r) => (r.isoRole === 'none' ? null : <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{t(`roles.${r.isoRole}`)}</Text>),
    },
    ...(p?.courses ?? []).map(
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
  const rows = p?.rows ?? [];
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          {onBack && (
            <Button variant="subtle" size="compact-sm" onClick={onBack} data-testid="matrix-back">
              ← {t('matrix.backToUnits')}
            </Button>
          )}
          <Text fw={600}>{t('matrix.unitPeople', { unit: unit.name })}</Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('matrix.legend')}
        </Text>
      </Group>
      <DataTable
        testId="matrix-table"
        rows={rows}
        columns={gridColumns}
        rowKey={(r) => r.staffId}
        exportName={t('matrix.export')}
        empty={t('matrix.empty')}
        toolbar={<Checkbox label={t('matrix.onlyMissing')} checked={onlyMissing} onChange={(e) => setOnlyMissing(e.currentTarget.checked)} />}
      />
      {p && p.total > rows.length && (
        <Group justify="center" gap="sm">
          <Text size="sm" c="dimmed">
            {t('matrix.shownPeople', { shown: formatNumber(rows.length), total: formatNumber(p.total) })}
          </Text>
          {limit < MATRIX_PEOPLE_MAX ? (
            <Button variant="light" size="compact-sm" onClick={() => setLimit(Math.min(limit + MATRIX_PAGE, MATRIX_PEOPLE_MAX))}>
              {t('matrix.morePeople', { count: formatNumber(Math.min(MATRIX_PAGE, p.total - rows.length)) })}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('matrix.allInExport')}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
