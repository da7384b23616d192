import { Button, Group, Paper, Skeleton, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, queryOptions, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnDate } from '../../electron/common/dates';
import { STAFF_PAGE_MAX } from '../../electron/common/limits';
import { formatNumber } from '../../electron/common/reports';
import { fold } from '../../electron/common/text';
import { useErrorText } from '../api/hooks';
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

export interface Sort {
  key: string;
  dir: 'asc' | 'desc';
}

/** What a remote table asks its source for: one window of the rows, searched and sorted. */
export interface RemoteWindow {
  /** The search box as typed (the source ignores diacritics). */
  query: string;
  /** A column key and direction; null for the source's own order. */
  sort: Sort | null;
  offset: number;
  limit: number;
}

export interface RemotePage<T> {
  rows: T[];
  /** Rows matching the search. */
  total: number;
  /** Rows without the search. */
  all: number;
}

/**
 * Rows that stay with the host, for lists too long to hold (the nation's
 * staff): the table asks for the window it shows, and search, sort and
 * export go through the source.
 */
export interface RemoteRows<T> {
  /** What the rows depend on besides the table's search and sort (the page's filters): a change starts from the top. */
  key: unknown;
  fetch: (window: RemoteWindow) => Promise<RemotePage<T>>;
}

interface CommonProps<T> {
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** File name (without extension) of the Excel export; also the sheet name. */
  exportName: string;
  onRowClick?: (row: T) => void;
  /** Filters and buttons shown next to the search box. */
  toolbar?: ReactNode;
  /** What to show when there are no rows at all: say what to do. */
  empty?: ReactNode;
  initialSort?: Sort;
  testId?: string;
  /** Called once the first rows are in (a remote table's first window): the host answers one request at a time, so a page holds its other requests until then. */
  onFirstRows?: () => void;
  /** The rows shown are still the previous answer (a new filter is loading): the count says so and export waits. */
  loading?: boolean;
}

/** Either every row (searched and sorted here) or a remote source. */
export type DataTableProps<T> = CommonProps<T> & ({ rows: T[]; remote?: undefined } | { remote: RemoteRows<T>; rows?: undefined });

const ROW_HEIGHT = 41;
const ROW_CLASS = `${Table.classes.tr} mantine-Table-tr`;
const CELL_CLASS = `${Table.classes.td} mantine-Table-td`;
const VIRTUAL_FROM = 150;
/** Rows per request of a remote table: windows start and end on these, so scrolling back finds them cached. */
const PAGE = 100;
/** Rows per request of a remote export: the most the staff page API gives at once. */
const EXPORT_CHUNK = STAFF_PAGE_MAX;
/** Typing pauses this long before a remote table asks again. */
const SEARCH_DELAY = 250;

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

/** Local rows: searched with each row's folded text (built once per row and column set) and sorted here. */
function useLocalRows<T>(rows: T[], columns: Column<T>[], query: string, sort: Sort | null): T[] {
  const columnSet = columns.map((c) => `${c.key}\u0000${c.header}`).join('\u0001');
  // Folding every row on every keystroke was slow on national lists.
  const haystacks = useMemo(() => new WeakMap<object, string>(), [rows, columnSet]);
  return useMemo(() => {
    const words = fold(query).split(' ').filter(Boolean);
    const haystack = (r: T) => {
      let h = haystacks.get(r as object);
      if (h === undefined) {
        h = fold(columns.map((c) => c.value(r) ?? '').join(' '));
        haystacks.set(r as object, h);
      }
      return h;
    };
    const filtered = words.length ? rows.filter((r) => words.every((w) => haystack(r).includes(w))) : rows;
    if (!sort) return filtered;
    const col = columns.find((c) => c.key === sort.key);
    if (!col) return filtered;
    const keyed = filtered.map((row) => ({ row, key: sortKey(col.value(row)) }));
    keyed.sort((a, b) => compare(a.key, b.key));
    const sorted = keyed.map((k) => k.row);
    return sort.dir === 'desc' ? sorted.reverse() : sorted;
  }, [rows, columns, query, sort, haystacks]);
}

/**
 * Every list in the app: a search box insensitive to Vietnamese diacritics,
 * click-to-sort headers, export of what is shown to Excel, keyboard-operable
 * rows, and virtual scrolling for long lists.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort | null>(props.initialSort ?? null);
  const [exporting, setExporting] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const remote = props.remote;

  const shown = useLocalRows(props.rows ?? [], props.columns, query, sort);

  // Remote: the search once typing pauses; the window of rows in view, in whole pages, once scrolling pauses (below).
  const remoteQuery = useDebouncedValue(remote ? query : '', SEARCH_DELAY)[0].trim();
  const ident = JSON.stringify([remote?.key ?? null, remoteQuery, sort]);
  const [win, setWin] = useState({ ident, start: 0, end: PAGE });
  const current = win.ident === ident ? win : { ident, start: 0, end: PAGE };
  const client = useQueryClient();
  const windowQuery = queryOptions({
    queryKey: ['DataTable', remote?.key ?? null, remoteQuery, sort, current.start, current.end],
    queryFn: remote
      ? async () => ({ offset: current.start, ...(await remote.fetch({ query: remoteQuery, sort, offset: current.start, limit: current.end - current.start })) })
      : skipToken,
  });
  // The request starts while the screen renders, not after it has committed: the host answers while the rest of the page is built.
  if (remote && !client.getQueryState(windowQuery.queryKey)) void client.prefetchQuery(windowQuery);
  // While another window or search loads, the rows already shown stay.
  const page = useQuery({ ...windowQuery, placeholderData: keepPreviousData });
  const data = page.data;
  const isRemote = !!remote;
  useEffect(() => {
    if (isRemote) scrollRef.current?.scrollTo({ top: 0 });
  }, [ident, isRemote]);
  const hasRows = !isRemote || !!data;
  const firstRowsTold = useRef(false);
  useEffect(() => {
    if (!hasRows || firstRowsTold.current) return;
    firstRowsTold.current = true;
    props.onFirstRows?.();
  });

  const count = remote ? (data?.total ?? 0) : shown.length;
  const allCount = remote ? (data?.all ?? 0) : (props.rows?.length ?? 0);
  const rowAt = (index: number): T | undefined => {
    if (!remote) return shown[index];
    if (!data || index < data.offset) return undefined;
    return data.rows[index - data.offset];
  };

  const virtual = !!remote || shown.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    enabled: virtual,
    // A remote table's scroll box appears with its first rows: sized as it will be (its max-height below), the rows fill
    // it in one commit rather than a few rows first and the rest once it is measured.
    initialRect: remote ? { width: 0, height: Math.max(10 * ROW_HEIGHT, window.innerHeight - 260) } : undefined,
  });
  const items = virtual ? virtualizer.getVirtualItems() : shown.map((_, index) => ({ index, start: index * ROW_HEIGHT }));
  const padTop = virtual && items.length ? items[0].start : 0;
  const padBottom = virtual && items.length ? virtualizer.getTotalSize() - (items[items.length - 1].start + ROW_HEIGHT) : 0;

  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;
  const neededStart = Math.floor(first / PAGE) * PAGE;
  const neededEnd = Math.max(neededStart + PAGE, Math.ceil((last + 1) / PAGE) * PAGE);
  useEffect(() => {
    if (!isRemote || (neededStart === current.start && neededEnd === current.end)) return;
    const timer = setTimeout(() => setWin({ ident, start: neededStart, end: neededEnd }), 60);
    return () => clearTimeout(timer);
  }, [isRemote, ident, neededStart, neededEnd, current.start, current.end]);

  const toggleSort = (key: string) =>
    setSort((s) => (s?.key === key ? (s.dir === 'asc' ? { key, dir: 'desc' } : null) : { key, dir: 'asc' }));

  const exportRows = async (): Promise<T[]> => {
    if (!remote) return shown;
    const rows: T[] = [];
    for (;;) {
      const chunk = await remote.fetch({ query: remoteQuery, sort, offset: rows.length, limit: EXPORT_CHUNK });
      rows.push(...chunk.rows);
      if (chunk.rows.length < EXPORT_CHUNK || rows.length >= chunk.total) return rows;
    }
  };
  const doExport = async () => {
    setExporting(true);
    try {
      const rows = await exportRows();
      await exportXlsx(
        props.exportName,
        props.columns.map((c) => ({ header: c.header, type: c.type })),
        rows.map((r) => props.columns.map((c) => c.value(r))),
      );
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err), autoClose: 8000 });
    } finally {
      setExporting(false);
    }
  };

  // A remote table's first window: nothing to show yet.
  const firstWindow = !!remote && !data;
  const loading = props.loading || firstWindow;
  const searched = remote ? remoteQuery !== '' : count !== allCount;
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
            {loading
              ? t('loading')
              : searched
                ? t('table.rowsOf', { shown: formatNumber(count), total: formatNumber(allCount) })
                : t('table.rows', { count: formatNumber(count) })}
          </Text>
          <Button variant="light" size="sm" onClick={doExport} loading={exporting} disabled={count === 0 || loading}>
            {t('actions.exportExcel')}
          </Button>
        </Group>
      </Group>
      {page.isError && !data ? (
        <Text c="red" py="xl" ta="center">
          {errorText(page.error)}
        </Text>
      ) : firstWindow ? null : allCount === 0 ? (
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
                const row = rowAt(index);
                if (row === undefined) {
                  // A remote row still on its way: its place is kept so the scroll bar stays true.
                  return (
                    <tr key={`pending-${index}`} style={{ height: ROW_HEIGHT }}>
                      <td colSpan={props.columns.length}>
                        <Skeleton height={10} radius="sm" />
                      </td>
                    </tr>
                  );
                }
                // Plain elements with Table.Tr's and Table.Td's classes and attributes (the same DOM): a Mantine component per cell
                // was most of the cost of showing a window of rows.
                return (
                  <tr
                    key={props.rowKey(row)}
                    className={ROW_CLASS}
                    data-with-row-border
                    data-striped="odd"
                    data-hover
                    style={{ cursor: props.onRowClick ? 'pointer' : undefined, height: ROW_HEIGHT }}
                    onClick={props.onRowClick ? () => props.onRowClick!(row) : undefined}
                    onKeyDown={(e) => e.key === 'Enter' && props.onRowClick?.(row)}
                    tabIndex={props.onRowClick ? 0 : undefined}
                  >
                    {props.columns.map((c) => (
                      <td key={c.key} className={CELL_CLASS}>
                        {c.render ? c.render(row) : c.type === 'date' ? formatVnDate(c.value(row) as string | null) : c.value(row)}
                      </td>
                    ))}
                  </tr>
                );
              })}
              {padBottom > 0 && (
                <tr style={{ height: padBottom }}>
                  <td colSpan={props.columns.length} />
                </tr>
              )}
            </Table.Tbody>
          </Table>
          {count === 0 && (
            <Text c="dimmed" py="lg" ta="center">
              {t('table.noMatch', { query })}
            </Text>
          )}
        </div>
      )}
    </Paper>
  );
}
