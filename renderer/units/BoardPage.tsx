import { Anchor, Select, SimpleGrid, Stack, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { StatCard } from '../components/StatCard';
import { StepBadge } from '../components/StatusBadge';
import { StepModal, type StepValues } from './StepModal';

type Row = ApiOutput<'board.get'>['rows'][number];
type Status = 'not_started' | 'in_progress' | 'done' | 'overdue';

/** Units × four steps, with filters by wave, region and status and a progress summary. */
export function BoardPage() {
  const { t } = useTranslation('units');
  const navigate = useNavigate();
  const [waveId, setWaveId] = useState<string | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [editing, setEditing] = useState<StepValues | null>(null);
  const waves = useApi('waves.list', {}).data ?? [];
  const board = useApi('board.get', {
    waveId: waveId ?? undefined,
    region: (region ?? undefined) as 'north' | undefined,
    status: status ?? undefined,
  }).data;
  // For the benchmark (bench/ops/renderer.ts): the first time the board's rows are in the page.
  useEffect(() => {
    if (board?.rows.length && performance.getEntriesByName('board-visible').length === 0) performance.mark('board-visible');
  }, [board]);

  const stepColumn = (step: number): Column<Row> => ({
    key: `step${step}`,
    header: t(`common:steps.${step}`),
    value: (r) => {
      const c = r.steps[step - 1];
      return c ? t(`common:stepStatus.${c.overdue ? 'overdue' : c.status}`) : '';
    },
    render: (r) => {
      const c = r.steps[step - 1];
      if (!c) return null;
      return (
        <UnstyledButton
          data-testid={`cell-${r.code}-${step}`}
          onClick={(e) => {
            e.stopPropagation();
            setEditing({ unitId: r.unitId, unitName: r.name, step, status: c.status, plannedStart: c.plannedStart, plannedEnd: c.plannedEnd, actualEnd: c.actualEnd });
          }}
        >
          <StepBadge status={c.status} overdue={c.overdue} />
        </UnstyledButton>
      );
    },
  });

  const columns: Column<Row>[] = [
    { key: 'code', header: t('board.code'), value: (r) => r.code, width: 70 },
    {
      key: 'name',
      header: t('board.unit'),
      value: (r) => r.name,
      render: (r) => (
        <Anchor component={Link} to={`/units/${r.unitId}`} onClick={(e) => e.stopPropagation()} fw={500}>
          {r.name}
        </Anchor>
      ),
    },
    { key: 'region', header: t('board.region'), value: (r) => (r.region ? t(`common:region.${r.region}`) : '') },
    { key: 'waves', header: t('board.waves'), value: (r) => r.waves.join(', ') },
    stepColumn(1),
    stepColumn(2),
    stepColumn(3),
    stepColumn(4),
  ];

  return (
    <Stack gap="md">
      <PageHeader title={t('board.title')} subtitle={t('board.subtitle')} />
      {board && (
        <SimpleGrid cols={{ base: 3, lg: 7 }} spacing="sm">
          <StatCard label={t('board.total')} value={board.total} onClick={() => setStatus(null)} />
          {([1, 2, 3, 4] as const).map((s) => (
            <StatCard key={s} label={`${t('board.atStep', { step: s })} · ${t(`common:steps.${s}`)}`} value={board.atStep[s]} testId={`at-step-${s}`} />
          ))}
          <StatCard label={t('board.allDone')} value={board.atStep[5]} colour="green.7" onClick={() => setStatus('done')} />
          <StatCard label={t('board.overdue')} value={board.overdueUnits} colour="red.7" onClick={() => setStatus('overdue')} testId="overdue-count" />
        </SimpleGrid>
      )}
      <DataTable
        testId="board-table"
        rows={board?.rows ?? []}
        columns={columns}
        rowKey={(r) => r.unitId}
        exportName={t('board.export')}
        onRowClick={(r) => navigate(`/units/${r.unitId}`)}
        empty={t('board.empty')}
        initialSort={{ key: 'code', dir: 'asc' }}
        toolbar={
          <>
            <Select
              placeholder={t('board.wave')}
              data={waves.map((w) => ({ value: w.id, label: w.name }))}
              value={waveId}
              onChange={setWaveId}
              clearable
              w={230}
              aria-label={t('board.wave')}
            />
            <Select
              placeholder={t('board.region')}
              data={(['north', 'centre', 'south'] as const).map((r) => ({ value: r, label: t(`common:region.${r}`) }))}
              value={region}
              onChange={setRegion}
              clearable
              w={150}
              aria-label={t('board.region')}
            />
            <Select
              placeholder={t('board.status')}
              data={(['not_started', 'in_progress', 'done', 'overdue'] as const).map((s) => ({ value: s, label: t(`common:stepStatus.${s}`) }))}
              value={status}
              onChange={(v) => setStatus(v as Status | null)}
              clearable
              w={170}
              aria-label={t('board.status')}
            />
          </>
        }
      />
      <StepModal value={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
