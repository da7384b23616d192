import { Anchor, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useCourseLabel } from './shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { PageHeader } from '../components/PageHeader';

type Figures = ApiOutput<'training.figures'>;
type Row = Figures['rows'][number];
type Name = ApiOutput<'training.figures.names'>[number];
type GroupBy = 'unit' | 'province' | 'wave' | 'year';

/** Training counts per unit, province, wave or year, each drillable to the names behind it. */
export function FiguresPage() {
  const { t } = useTranslation('training');
  const [groupBy, setGroupBy] = useState<GroupBy>('province');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [waveId, setWaveId] = useState<string | null>(null);
  const [drill, setDrill] = useState<{ groupKey: string; label: string; courseTypeId?: string; what: string } | null>(null);
  const waves = useApi('waves.list', {}).data ?? [];
  const filter = { groupBy, from: from ?? undefined, to: to ?? undefined, waveId: waveId ?? undefined };
  const figures = useApi('training.figures', filter).data;
  const names = useApi('training.figures.names', { ...filter, groupKey: drill?.groupKey ?? '*', courseTypeId: drill?.courseTypeId }, { enabled: !!drill }).data ?? [];
  const link = (r: Row, n: number, courseTypeId: string | undefined, what: string) =>
    n === 0 ? (
      '0'
    ) : (
      <Anchor component="button" onClick={() => setDrill({ groupKey: r.key, label: r.label || t('figures.total'), courseTypeId, what })}>
        {n.toLocaleString('vi-VN')}
      </Anchor>
    );
  const courseLabel = useCourseLabel(figures?.courses ?? []);
  const rows = figures ? [...figures.rows, ...(figures.rows.length > 1 ? [{ ...figures.total, label: t('figures.total') }] : [])] : [];
  const columns: Column<Row>[] = [
    { key: 'label', header: t(`figures.groups.${groupBy}`), value: (r) => r.label || '—', render: (r) => <Text size="sm" fw={r.key === '*' ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>{r.label || '—'}</Text> },
    ...(figures?.courses ?? []).map(
      (c): Column<Row> => ({ key: c.id, header: courseLabel(c), type: 'number', value: (r) => r.counts[c.id] ?? 0, render: (r) => link(r, r.counts[c.id] ?? 0, c.id, c.name) }),
    ),
    { key: 'people', header: t('figures.people'), type: 'number', value: (r) => r.people, render: (r) => link(r, r.people, undefined, t('figures.anyCourse')) },
  ];
  const courseName = new Map((figures?.courses ?? []).map((c) => [c.id, c.name]));
  const nameColumns: Column<Name>[] = [
    { key: 'fullName', header: t('staff.fullName'), value: (n) => n.fullName },
    { key: 'unit', header: t('staff.unit'), value: (n) => n.unitName },
    ...(drill?.courseTypeId ? [] : [{ key: 'course', header: t('sessions.course'), value: (n: Name) => courseName.get(n.courseTypeId) ?? '' }]),
    { key: 'endDate', header: t('figures.session'), value: (n) => n.endDate, type: 'date' },
    { key: 'certificateNo', header: t('session.certificateNo'), value: (n) => n.certificateNo },
  ];
  return (
    <Stack gap="md">
      <PageHeader title={t('figures.title')} subtitle={t('figures.subtitle')} />
      <Group align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('figures.groupBy')}
          value={groupBy}
          onChange={(v) => setGroupBy(v as GroupBy)}
          data={(['unit', 'province', 'wave', 'year'] as const).map((g) => ({ value: g, label: t(`figures.groups.${g}`) }))}
        />
        <DateField label={t('figures.from')} value={from} onChange={setFrom} />
        <DateField label={t('figures.to')} value={to} onChange={setTo} />
        <Select label={t('figures.wave')} data={waves.map((w) => ({ value: w.id, label: w.name }))} value={waveId} onChange={setWaveId} clearable w={260} />
      </Group>
      <DataTable testId="figures-table" rows={rows} columns={columns} rowKey={(r) => r.key} exportName={t('figures.export')} empty={t('figures.empty')} />
      <Modal opened={!!drill} onClose={() => setDrill(null)} title={drill ? t('figures.names', { what: drill.what, group: drill.label }) : ''} size={1000} centered>
        <DataTable testId="figures-names" rows={names} columns={nameColumns} rowKey={(n) => `${n.staffId}-${n.courseTypeId}`} exportName={t('figures.exportNames')} />
      </Modal>
    </Stack>
  );
}
