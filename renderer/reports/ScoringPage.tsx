import { ActionIcon, Alert, Badge, Button, Drawer, Group, Modal, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { formatNumber } from '../../electron/common/reports';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { saveExported } from './download';

type Result = ApiOutput<'scoring.get'>;
type UnitScore = Result['results'][number];
interface CriterionDraft {
  key: string;
  label: string;
  weight: number;
  metric: string;
}

function ManualEntry({ criterionId, subjectId, value, evidence, disabled }: { criterionId: string; subjectId: string; value: number | null; evidence: string; disabled: boolean }) {
  const { t } = useTranslation('reports');
  const [v, setV] = useState<number | string>(value ?? '');
  const [e, setE] = useState(evidence === 'Chưa chấm' ? '' : evidence);
  const save = useApiMutation('scoring.setManual', { successMessage: t('scoring.manualSaved') });
  return (
    <Group gap="xs" wrap="nowrap" align="flex-end">
      <NumberInput aria-label={t('scoring.value')} placeholder="%" value={v} onChange={setV} min={0} max={100} w={80} size="xs" disabled={disabled} />
      <TextInput aria-label={t('scoring.evidence')} placeholder={t('scoring.evidence')} value={e} onChange={(ev) => setE(ev.currentTarget.value)} size="xs" style={{ flex: 1 }} disabled={disabled} />
      <Button size="xs" variant="light" disabled={disabled} onClick={() => save.mutate({ criterionId, subjectId, value: v === '' ? null : Number(v), evidence: e })}>
        {t('scoring.manualSave')}
      </Button>
    </Group>
  );
}

/** Year-end scoring: the year's weighted criteria, the ranking with evidence, hand scores, lock and export. */
export function ScoringPage() {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [year, setYear] = useState(new Date().getFullYear());
  const data = useApi('scoring.get', { year }).data;
  const metrics = useApi('scoring.metrics', {}).data ?? [];
  const [name, setName] = useState('');
  const [criteria, setCriteria] = useState<CriterionDraft[]>([]);
  const [detail, setDetail] = useState<UnitScore | null>(null);
  const [locking, setLocking] = useState(false);
  useEffect(() => {
    if (!data) return;
    setName(data.set?.name ?? t('scoring.defaultName', { year }));
    setCriteria(data.criteria.map((c) => ({ key: c.key, label: c.label, weight: c.weight, metric: c.metric })));
  }, [data?.set?.id, data?.set?.updatedAt, data?.suggested, year]);
  const save = useApiMutation('scoring.saveSet', { successMessage: t('scoring.saved') });
  const lock = useApiMutation('scoring.lock', { successMessage: t('scoring.lockedDone'), onSuccess: () => setLocking(false) });
  const exportFile = useApiMutation('scoring.export', { onSuccess: (f) => saveExported(f) });
  const locked = !!data?.locked;
  const total = criteria.reduce((s, c) => s + (Number(c.weight) || 0), 0);
  const metricLabel = (key: string) => metrics.find((m) => m.key === key)?.label[lang] ?? key;
  const columns: Column<UnitScore>[] = [
    { key: 'rank', header: t('scoring.rank'), value: (r) => r.rank, type: 'number', width: 60 },
    { key: 'code', header: t('scoring.code'), value: (r) => r.code, width: 70 },
    { key: 'name', header: t('scoring.unit'), value: (r) => r.name, width: 240 },
    {
      key: 'score',
      header: t('scoring.score'),
      value: (r) => r.score,
      type: 'number',
      render: (r) =>
        r.score === null ? (
          <Text size="sm" c="dimmed">
            {t('scoring.noData')}
          </Text>
        ) : (
          <Text fw={700}>{formatNumber(r.score, 2)}</Text>
        ),
    },
    ...(data?.criteria ?? []).map((c, i) => ({
      key: `c-${c.key}`,
      header: `${t('scoring.short', { n: i + 1 })} (${c.weight})`,
      value: (r: UnitScore) => r.criteria[i]?.value ?? null,
      type: 'number' as const,
      render: (r: UnitScore) => (r.criteria[i]?.value === null ? '—' : `${formatNumber(r.criteria[i].value, 0)} %`),
    })),
  ];
  const current = detail && data?.results.find((r) => r.unitId === detail.unitId);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('scoring.title')}
        subtitle={t('scoring.subtitle')}
        actions={
          <Group gap="sm">
            <NumberInput aria-label={t('scoring.year')} value={year} onChange={(v) => setYear(Number(v) || year)} min={2000} max={2100} w={100} data-testid="scoring-year" />
            <Button variant="light" onClick={() => exportFile.mutate({ year })} loading={exportFile.isPending}>
              {t('scoring.export')}
            </Button>
          </Group>
        }
      />
      {data?.suggested && <Alert color="blue">{t('scoring.suggested')}</Alert>}
      {locked && <Alert color="green">{t('scoring.locked', { date: formatVnDate(data?.set?.lockedAt?.slice(0, 10)) })}</Alert>}
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm">
          <Title order={5}>{t('scoring.criteria', { year })}</Title>
          <Text size="sm" c="dimmed">
            {t('scoring.weightTotal', { total })}
          </Text>
        </Group>
        <TextInput label={t('scoring.setName')} value={name} onChange={(e) => setName(e.currentTarget.value)} disabled={locked} mb="sm" maw={500} />
        <Table verticalSpacing={4} data-testid="criteria-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={50} />
              <Table.Th w={140}>{t('scoring.key')}</Table.Th>
              <Table.Th>{t('scoring.label')}</Table.Th>
              <Table.Th w={110}>{t('scoring.weight')}</Table.Th>
              <Table.Th w={300}>{t('scoring.metric')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {criteria.map((c, i) => {
              const patch = (p: Partial<CriterionDraft>) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, ...p } : x)));
              return (
                <Table.Tr key={i}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {t('scoring.short', { n: i + 1 })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" value={c.key} onChange={(e) => patch({ key: e.currentTarget.value })} disabled={locked} aria-label={t('scoring.key')} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" value={c.label} onChange={(e) => patch({ label: e.currentTarget.value })} disabled={locked} aria-label={t('scoring.label')} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" value={c.weight} onChange={(v) => patch({ weight: Number(v) })} min={0} disabled={locked} aria-label={t('scoring.weight')} />
                  </Table.Td>
                  <Table.Td>
                    <Select size="xs" data={metrics.map((m) => ({ value: m.key, label: m.label[lang] }))} value={c.metric} onChange={(v) => patch({ metric: v ?? 'manual' })} disabled={locked} allowDeselect={false} aria-label={t('scoring.metric')} />
                  </Table.Td>
                  <Table.Td>
                    {!locked && (
                      <ActionIcon variant="subtle" color="red" aria-label={t('scoring.removeCriterion')} onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}>
                        ×
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {!locked && (
          <Group mt="sm" justify="space-between">
            <Button variant="subtle" onClick={() => setCriteria([...criteria, { key: `tc${criteria.length + 1}`, label: '', weight: 10, metric: 'manual' }])}>
              + {t('scoring.addCriterion')}
            </Button>
            <Group gap="sm">
              <Button onClick={() => save.mutate({ year, name, criteria })} loading={save.isPending} data-testid="scoring-save">
                {t('scoring.save')}
              </Button>
              <Button color="green" variant="outline" disabled={!data?.set} onClick={() => setLocking(true)}>
                {t('scoring.lock', { year })}
              </Button>
            </Group>
          </Group>
        )}
      </Paper>
      <Title order={4}>{t('scoring.results')}</Title>
      <DataTable
        testId="scoring-table"
        rows={data?.results ?? []}
        columns={columns}
        rowKey={(r) => r.unitId}
        exportName={`xep-hang-${year}`}
        onRowClick={setDetail}
        empty={t('scoring.empty')}
      />
      <Drawer opened={!!current} onClose={() => setDetail(null)} position="right" size="xl" title={<Text fw={700}>{current ? `${current.name} — ${t('scoring.detail')}` : ''}</Text>}>
        {current && data && (
          <Stack>
            <Group>
              <Badge size="xl" variant="light" tt="none">
                {t('scoring.score')}: {current.score === null ? t('scoring.noData') : formatNumber(current.score, 2)}
              </Badge>
              {current.rank && (
                <Badge size="xl" variant="light" color="green" tt="none">
                  {t('scoring.rank')}: {current.rank}
                </Badge>
              )}
            </Group>
            {data.criteria.map((c, i) => {
              const s = current.criteria[i];
              return (
                <Paper key={c.key} withBorder p="sm" radius="md">
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={600} size="sm">
                      {c.label}
                    </Text>
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {t('scoring.weight')} {c.weight} · {t('scoring.value')} {s.value === null ? '—' : formatNumber(s.value, 0)} · {t('scoring.points')} {formatNumber(s.points, 2)}
                    </Text>
                  </Group>
                  {metricLabel(c.metric) !== c.label && (
                    <Text size="xs" c="dimmed" mb={4}>
                      {metricLabel(c.metric)}
                    </Text>
                  )}
                  {c.metric === 'manual' && c.id ? (
                    <ManualEntry key={`${c.id}-${current.unitId}`} criterionId={c.id} subjectId={current.unitId} value={s.value} evidence={s.evidence} disabled={locked} />
                  ) : (
                    <Text size="sm">
                      {t('scoring.evidence')}: {s.evidence}
                    </Text>
                  )}
                </Paper>
              );
            })}
          </Stack>
        )}
      </Drawer>
      <Modal opened={locking} onClose={() => setLocking(false)} title={<Text fw={700}>{t('scoring.lock', { year })}</Text>} centered>
        <Text mb="lg">{t('scoring.lockBody', { year })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setLocking(false)}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="green" onClick={() => lock.mutate({ year })} loading={lock.isPending}>
            {t('common:actions.confirm')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
