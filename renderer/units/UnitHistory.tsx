import { Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { fieldLabels } from '../../electron/common/errors/fields';
import { useApi } from '../api/hooks';
import { catalogues } from '../i18n/catalogues';
import { type Column, DataTable } from '../components/DataTable';

type Detail = ApiOutput<'units.get'>;
type Change = ApiOutput<'units.history'>[number];

// Each feature labels its own tables under `tables` in its catalogue.
const namespaces = Object.keys(catalogues);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;
const labels: Record<string, { vi: string; en: string }> = fieldLabels;

/** A column's name as people read it: the shared field label when there is one. */
function fieldName(column: string, lang: 'vi' | 'en'): string {
  const camel = column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  return Object.hasOwn(labels, camel) ? labels[camel][lang] : column;
}

/** What changed in a logged row, as "field: old → new", leaving out ids and bookkeeping. */
function describe(change: Change, lang: 'vi' | 'en'): string {
  const before = change.oldJson ? (JSON.parse(change.oldJson) as Record<string, unknown>) : {};
  const after = change.newJson ? (JSON.parse(change.newJson) as Record<string, unknown>) : {};
  const skip = new Set(['id', 'unit_id', 'created_at', 'updated_at', 'deleted']);
  const shown = (v: unknown) => (v === null || v === '' ? '—' : /^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? formatVnDate(String(v)) : String(v));
  return Object.keys(after)
    .filter((k) => !skip.has(k) && !UUID.test(String(after[k] ?? '')) && before[k] !== after[k])
    .filter((k) => change.op !== 'insert' || (after[k] !== null && after[k] !== ''))
    .map((k) => (change.op === 'insert' ? `${fieldName(k, lang)}: ${shown(after[k])}` : `${fieldName(k, lang)}: ${shown(before[k])} → ${shown(after[k])}`))
    .join('; ');
}

/** A unit's organisational events and its change log (read-only: the control of records). */
export function UnitHistory({ detail }: { detail: Detail }) {
  const { t, i18n } = useTranslation('units');
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const changes = useApi('units.history', { unitId: detail.unit.id }).data ?? [];
  const columns: Column<Change>[] = [
    { key: 'at', header: t('unit.when'), value: (c) => c.at, render: (c) => new Date(c.at).toLocaleString('vi-VN'), width: 170 },
    { key: 'actor', header: t('unit.who'), value: (c) => c.actor },
    { key: 'table', header: t('unit.table'), value: (c) => t(`tables.${c.tableName}`, { ns: namespaces, defaultValue: c.tableName }) },
    { key: 'op', header: t('unit.what'), value: (c) => t(`unit.op.${c.op}`) },
    { key: 'details', header: '', value: (c) => describe(c, lang), render: (c) => <Text size="xs">{describe(c, lang)}</Text> },
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
