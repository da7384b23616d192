import { Drawer, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import type { ScopeValue } from './ScopePicker';

type Figure = ApiOutput<'figures.get'>;
type Row = Figure['rows'][number];

export interface Drill {
  key: string;
  slice?: string;
}

/** The list behind a figure (or behind one bar of it), with a link to each unit. */
export function FigureDrawer({ drill, scope, period, onClose }: { drill: Drill | null; scope: ScopeValue; period?: { start: string; end: string }; onClose: () => void }) {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const navigate = useNavigate();
  const figure = useApi('figures.get', { key: drill?.key ?? '', scope, period, lang }, { enabled: !!drill }).data;
  const slice = figure?.slices?.find((s) => s.key === drill?.slice);
  const rows = (figure?.rows ?? []).filter((r) => !drill?.slice || r.slice === drill.slice);
  const columns: Column<Row>[] = (figure?.columns ?? []).map((c) => ({
    key: c.key,
    header: c.label[lang],
    type: c.type,
    value: (r) => r[c.key] ?? null,
  }));
  return (
    <Drawer opened={!!drill} onClose={onClose} position="right" size="xl" title={<Text fw={700}>{figure ? `${figure.label[lang]}${slice ? ` — ${slice.label[lang]}` : ''}` : ''}</Text>}>
      {figure && (
        <Stack data-testid="figure-drawer">
          <DataTable
            rows={rows}
            columns={columns}
            rowKey={(r) => `${r.unitId ?? ''}-${columns.map((c) => c.value(r)).join('|')}`}
            exportName={`${t('drill.export')}-${figure.key}`}
            empty={t('drill.empty')}
            onRowClick={(r) => (r.unitId ? navigate(`/units/${r.unitId}`) : undefined)}
          />
        </Stack>
      )}
    </Drawer>
  );
}
