import { Button, Group, Paper, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnDate } from '../../electron/common/dates';
import { fold } from '../../electron/common/text';
import { exportXlsx } from './exportXlsx';

export interface Column<T> {
  key: string;
  header: string;
  /** The cell's value: what is searched, sorted and exported (ISO for dates). */
  value: (row: T) => string | number | null;
  render?: (row: T) => ReactNode;
  type?: 'text' | 'number' | 'date';
  width?: number | string;
}

export interface DataTableProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** File name (without extension) of the Excel export; also the sheet name. */
  exportName: string;
  onRowClick?: (row: T) => void;
  /** Filters and buttons shown next to the search box. */
  toolbar?: ReactNode;
  /** What to show when there are no rows at all: say what to do. */
  empty?: ReactNode;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
  testId?: string;
  /** The rows are the first part of a long list still arriving: the count says so and export waits. */
  loading?: boolean;
}

const ROW_HEIGHT = 41;
const VIRTUAL_FROM = 150;

// One collator for every sort: `localeCompare(…, 'vi')` looked the locale up on each comparison.
const collator = new Intl.Collator('vi', { numeric: true });

/** Sort key of a cell, computed once per row rather than once per comparison. */
function sortKey(v: string | number | null): string | number | null {
  return v === null || v === '' || typeof v === 'number' ? v : fold(String(v));
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null || a === '') return 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Every list in the app: a search box insensitive to Vietnamese diacritics,
 * click-to-sort headers, export of what is shown to Excel, keyboard-operable
 * rows, and virtual scrolling for long lists.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState(props.initialSort ?? null);
  const scrollRef = useRef<HTMLDivElement>(null);

  // Each row's folded text, built once per row and column set: folding every row on every keystroke was slow on national lists.
  const columnSet = props.columns.map((c) => `${c.key}\u0000${c.header}`).join('\u0001');
  const haystacks = useMemo(() => new WeakMap<object, string>(), [props.rows, columnSet]);

  const shown = useMemo(() => {
    const words = fold(query).split(' ').filter(Boolean);
    const haystack = (r: T) => {
      let h = haystacks.get(r as object);
      if (h === undefined) {
        h = fold(props.columns.map((c) => c.value(r) ?? '').join(' '));
        haystacks.set(r as object, h);
      }
      return h;
    };
    const filtered = words.length ? props.rows.filter((r) => words.every((w) => haystack(r).includes(w))) : props.rows;
    if (!sort) return filtered;
    const col = props.columns.find((c) => c.key === sort.key);
    if (!col) return filtered;
    const keyed = filtered.map((row) => ({ row, key: sortKey(col.value(row)) }));
    keyed.sort((a, b) => compare(a.key, b.key));
    const sorted = keyed.map((k) => k.row);
    return sort.dir === 'desc' ? sorted.reverse() : sorted;
  }, [props.rows, props.columns, query, sort, haystacks]);

  const virtual = shown.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    enabled: virtual,
  });
  const items = virtual ? virtualizer.getVirtualItems() : shown.map((_, index) => ({ index, start: index * ROW_HEIGHT }));
  const padTop = virtual && items.length ? items[0].start : 0;
  const padBottom = virtual && items.length ? virtualizer.getTotalSize() - (items[items.length - 1].start + ROW_HEIGHT) : 0;

  const toggleSort = (key: string) =>
    setSort((s) => (s?.key === key ? (s.dir === 'asc' ? { key, dir: 'desc' } : null) : { key, dir: 'asc' }));

  const doExport = () =>
    exportXlsx(
      props.exportName,
      props.columns.map((c) => ({ header: c.header, type: c.type })),
      shown.map((r) => props.columns.map((c) => c.value(r))),
    );

  return (
    <Paper withBorder radius="md" p="sm" data-testid={props.testId}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <TextInput
            placeholder={t('table.search')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={280}
            aria-label={t('table.search')}
          />
          {props.toolbar}
        </Group>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {props.loading
              ? t('loading')
              : shown.length === props.rows.length
              ? t('table.rows', { count: shown.length })
              : t('table.rowsOf', { shown: shown.length, total: props.rows.length })}
          </Text>
          <Button variant="light" size="sm" onClick={doExport} disabled={shown.length === 0 || props.loading}>
            {t('actions.exportExcel')}
          </Button>
        </Group>
      </Group>
      {props.rows.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          {props.empty ?? t('table.empty')}
        </Text>
      ) : (
        <div ref={scrollRef} style={{ maxHeight: virtual ? 'calc(100vh - 260px)' : undefined, overflow: 'auto' }}>
          <Table striped highlightOnHover stickyHeader verticalSpacing="xs" style={{ minWidth: 600 }}>
            <Table.Thead>
              <Table.Tr>
                {props.columns.map((c) => (
                  <Table.Th key={c.key} style={{ width: c.width, whiteSpace: 'nowrap' }}>
                    <UnstyledButton onClick={() => toggleSort(c.key)} title={t('table.sortHint')} fw={600} fz="sm">
                      {c.header} {sort?.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </UnstyledButton>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {padTop > 0 && (
                <tr style={{ height: padTop }}>
                  <td colSpan={props.columns.length} />
                </tr>
              )}
              {items.map(({ index }) => {
                const row = shown[index];
                return (
                  <Table.Tr
                    key={props.rowKey(row)}
                    style={{ cursor: props.onRowClick ? 'pointer' : undefined, height: ROW_HEIGHT }}
                    onClick={props.onRowClick ? () => props.onRowClick!(row) : undefined}
                    onKeyDown={(e) => e.key === 'Enter' && props.onRowClick?.(row)}
                    tabIndex={props.onRowClick ? 0 : undefined}
                  >
                    {props.columns.map((c) => (
                      <Table.Td key={c.key}>
                        {c.render ? c.render(row) : c.type === 'date' ? formatVnDate(c.value(row) as string | null) : c.value(row)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
              {padBottom > 0 && (
                <tr style={{ height: padBottom }}>
                  <td colSpan={props.columns.length} />
                </tr>
              )}
            </Table.Tbody>
          </Table>
          {shown.length === 0 && (
            <Text c="dimmed" py="lg" ta="center">
              {t('table.noMatch', { query })}
            </Text>
          )}
        </div>
      )}
    </Paper>
  );
}
