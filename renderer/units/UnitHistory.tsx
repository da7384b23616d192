import { Code, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';

type Detail = ApiOutput<'units.get'>;
type Change = ApiOutput<'units.history'>[number];

/** What changed in the fields of a logged row, as "field: old → new". */
function describe(change: Change): string {
  const before = change.oldJson ? (JSON.parse(change.oldJson) as Record<string, unknown>) : {};
  const after = change.newJson ? (JSON.parse(change.newJson) as Record<string, unknown>) : {};
  const skip = new Set(['id', 'unit_id', 'created_at', 'updated_at']);
  return Object.keys(after)
    .filter((k) => !skip.has(k) && before[k] !== after[k] && (change.op !== 'insert' || (after[k] !== null && after[k] !== '')))
    .map((k) => (change.op === 'insert' ? `${k}: ${String(after[k])}` : `${k}: ${String(before[k] ?? '—')} → ${String(after[k] ?? '—')}`))
    .join('; ');
}

/** A unit's organisational events and its change log (read-only: the control of records). */
export function UnitHistory({ detail }: { detail: Detail }) {
  const { t } = useTranslation('units');
  const changes = useApi('units.history', { unitId: detail.unit.id }).data ?? [];
  const columns: Column<Change>[] = [
    { key: 'at', header: t('unit.when'), value: (c) => c.at, render: (c) => new Date(c.at).toLocaleString('vi-VN'), width: 170 },
    { key: 'actor', header: t('unit.who'), value: (c) => c.actor },
    { key: 'table', header: t('unit.table'), value: (c) => c.tableName },
    { key: 'op', header: t('unit.what'), value: (c) => t(`unit.op.${c.op}`) },
    { key: 'details', header: '', value: (c) => describe(c), render: (c) => <Code fz="xs">{describe(c)}</Code> },
    { key: 'origin', header: t('unit.origin'), value: (c) => c.origin ?? t('unit.local') },
  ];
  return (
    <Stack>
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="md">
          {t('unit.events')}
        </Title>
        <Timeline bulletSize={14} lineWidth={2}>
          {detail.events.map((e) => (
            <Timeline.Item key={e.id} title={`${t(`unit.eventKinds.${e.kind}`)} · ${formatVnDate(e.eventDate)}`}>
              {e.decisionNo && (
                <Text size="sm" c="dimmed">
                  {e.decisionNo}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
      <Title order={4}>{t('unit.changes')}</Title>
      <DataTable rows={changes} columns={columns} rowKey={(c) => String(c.seq)} exportName={`nhat-ky-${detail.unit.code}`} />
    </Stack>
  );
}
