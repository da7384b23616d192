import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiInput, ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { fieldLabels } from '../../electron/common/errors/fields';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { PageHeader } from '../components/PageHeader';
import { catalogues } from '../i18n/catalogues';
import { formatInstant } from './BackupsPage';

type Entry = ApiOutput<'audit.list'>['entries'][number];
type Filter = ApiInput<'audit.list'>;

// Each feature labels its own tables under `tables` in its catalogue.
const namespaces = Object.keys(catalogues);
const labels: Record<string, { vi: string; en: string }> = fieldLabels;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;
const SKIP = new Set(['id', 'unit_id', 'deleted']);

function fieldName(column: string, lang: 'vi' | 'en'): string {
  const camel = column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  return Object.hasOwn(labels, camel) ? labels[camel][lang] : column;
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** Where the words for a coded value live (unit types, regions, statuses, roles). */
function valueKey(table: string, field: string): string | null {
  if (field === 'type' && table === 'units') return 'common:unitType';
  if (field === 'region') return 'common:region';
  if (field === 'status') return table === 'units' ? 'common:unitStatus' : 'common:stepStatus';
  if (field === 'role') return 'units:unit.roles';
  return null;
}

function shown(v: unknown, table: string, field: string, t: T): string {
  if (v === null || v === undefined || v === '') return '—';
  const s = String(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return formatVnDate(s);
  const key = valueKey(table, field);
  return key ? t(`${key}.${s}`, { defaultValue: s }) : s;
}

/** "field: old → new", leaving out ids and bookkeeping. */
function describe(e: Entry, lang: 'vi' | 'en', t: T): string {
  const show = (v: unknown, field: string) => shown(v, e.table, field, t);
  return e.changes
    .filter((c) => !SKIP.has(c.field) && !UUID.test(String(c.after ?? '')) && !UUID.test(String(c.before ?? '')))
    .map((c) =>
      e.op === 'insert'
        ? `${fieldName(c.field, lang)}: ${show(c.after, c.field)}`
        : `${fieldName(c.field, lang)}: ${show(c.before, c.field)} → ${show(c.after, c.field)}`,
    )
    .join('; ');
}

const OP_COLOURS = { insert: 'green', update: 'blue', delete: 'red' } as const;

/** The audit trail: every change, searchable and filterable, read-only (control of records). */
export function AuditPage() {
  const { t, i18n } = useTranslation('safety');
  const { t: tAny } = useTranslation();
  const tv: T = (key, options) => String(tAny(key as never, options as never));
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const tableLabel = (table: string) => t(`tables.${table}`, { ns: namespaces, defaultValue: table });
  const facets = useApi('audit.facets', {}).data;
  const [filter, setFilter] = useState<Filter>({});
  const first = useApi('audit.list', { ...filter, limit: 500 });
  const [older, setOlder] = useState<Entry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    setOlder([]);
    setNext(first.data?.next ?? null);
  }, [first.data]);

  const rows = [...(first.data?.entries ?? []), ...older];
  const loadMore = async () => {
    if (next === null) return;
    setLoadingMore(true);
    try {
      const page = await call('audit.list', { ...filter, limit: 500, beforeSeq: next });
      setOlder((o) => [...o, ...page.entries]);
      setNext(page.next);
    } finally {
      setLoadingMore(false);
    }
  };

  const columns: Column<Entry>[] = [
    { key: 'at', header: t('audit.when'), value: (e) => e.at, render: (e) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatInstant(e.at)}</Text>, width: 160 },
    { key: 'actor', header: t('audit.who'), value: (e) => e.actor, width: 150 },
    { key: 'table', header: t('audit.table'), value: (e) => tableLabel(e.table), width: 160 },
    { key: 'record', header: t('audit.record'), value: (e) => e.record || (e.step ? tv(`common:stepsLong.${e.step}`) : e.rowId.slice(0, 8)), width: 200 },
    {
      key: 'op',
      header: t('audit.op'),
      value: (e) => t(`audit.ops.${e.op}`),
      render: (e) => (
        <Badge variant="light" color={OP_COLOURS[e.op]}>
          {t(`audit.ops.${e.op}`)}
        </Badge>
      ),
      width: 130,
    },
    {
      key: 'what',
      header: t('audit.what'),
      value: (e) => describe(e, lang, tv),
      render: (e) => (
        <Text size="xs" lineClamp={2} title={describe(e, lang, tv)}>
          {describe(e, lang, tv)}
        </Text>
      ),
    },
    { key: 'origin', header: t('audit.origin'), value: (e) => (e.origin ? t('audit.bundle', { id: e.origin.slice(0, 8) }) : t('audit.local')), width: 130 },
  ];

  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));
  return (
    <Stack>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('audit.table')}
          placeholder={t('audit.allTables')}
          clearable
          w={220}
          value={filter.table ?? null}
          data={(facets?.tables ?? []).map((v) => ({ value: v, label: tableLabel(v) }))}
          onChange={(v) => set({ table: v ?? undefined })}
        />
        <Select
          label={t('audit.who')}
          placeholder={t('audit.allPeople')}
          clearable
          searchable
          w={200}
          value={filter.actor ?? null}
          data={facets?.actors ?? []}
          onChange={(v) => set({ actor: v ?? undefined })}
        />
        <Select
          label={t('audit.op')}
          placeholder={t('audit.allOps')}
          clearable
          w={160}
          value={filter.op ?? null}
          data={(['insert', 'update', 'delete'] as const).map((v) => ({ value: v, label: t(`audit.ops.${v}`) }))}
          onChange={(v) => set({ op: (v as Filter['op']) ?? undefined })}
        />
        <DateField label={t('audit.from')} value={filter.from ?? null} onChange={(v) => set({ from: v ?? undefined })} />
        <DateField label={t('audit.to')} value={filter.to ?? null} onChange={(v) => set({ to: v ?? undefined })} />
        <Badge variant="outline" color="gray" size="lg" ml="auto" mb={6} style={{ flexShrink: 0 }}>
          {t('audit.readOnly')}
        </Badge>
      </Group>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(e) => String(e.seq)}
        exportName={t('audit.export')}
        empty={t('audit.empty')}
        initialSort={{ key: 'at', dir: 'desc' }}
        testId="audit-table"
      />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('audit.shown', { count: rows.length })}
        </Text>
        {next !== null && (
          <Button variant="default" loading={loadingMore} onClick={() => void loadMore()}>
            {t('audit.more')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
