import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { tableLabel } from './tableLabel';

export type TableChanges = ApiOutput<'exchange.bundle.preview'>['tables'][number];

const COUNTS = ['insert', 'update', 'delete', 'unchanged', 'keptLocal'] as const;

/**
 * What a bundle changes (the import preview) or changed (a received bundle's
 * detail), table by table; tables it does not touch are left out. The
 * preview also counts the rows that arrive unchanged.
 */
export function ChangeSummary({ tables, withUnchanged = false }: { tables: TableChanges[]; withUnchanged?: boolean }) {
  const { t } = useTranslation('exchange');
  const counts = COUNTS.filter((c) => withUnchanged || c !== 'unchanged');
  const rows = tables.filter((x) => counts.some((c) => x[c] > 0));
  if (rows.length === 0) return <Text size="sm">{t('import.nothing')}</Text>;
  return (
    <Table striped withTableBorder data-testid="change-summary">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('import.table')}</Table.Th>
          {counts.map((c) => (
            <Table.Th key={c} ta="right" style={{ whiteSpace: 'nowrap' }}>
              {t(`import.${c}`)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((x) => (
          <Table.Tr key={x.table}>
            <Table.Td>{tableLabel(t, x.table)}</Table.Td>
            {counts.map((c) => (
              <Table.Td key={c} ta="right">
                {x[c]}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
