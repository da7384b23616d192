import { Badge, Card, Group, Loader, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiInput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { PageHeader } from '../components/PageHeader';
import { VerifyModal } from './forms';
import { ActionsTable, type ActionRow, noClip } from './parts';

type Filter = 'not_closed' | 'overdue' | 'done' | 'all';

/** What each filter asks the server for: the board lists only those rows (the whole nation holds ~30,000 actions). */
const request: Record<Filter, ApiInput<'actions.list'>> = {
  not_closed: { status: 'not_closed' },
  overdue: { overdue: true },
  done: { status: 'done' },
  all: {},
};

/**
 * The corrective-action board: aging of open actions and the count per
 * status over every action, then the actions of the chosen filter (search,
 * sort and Excel export work on those rows).
 */
export function ActionsPage() {
  const { t } = useTranslation('improvement');
  const [filter, setFilter] = useState<Filter>('not_closed');
  const [verifying, setVerifying] = useState<ActionRow | null>(null);
  const { data, isPlaceholderData } = useApi('actions.list', request[filter], { keepPrevious: true });
  if (!data) return <Loader />;
  const total = Object.values(data.statuses).reduce((s, n) => s + n, 0);
  return (
    <Stack gap="md">
      <PageHeader title={t('actions.title')} subtitle={t('actions.subtitle')} />
      <Text fw={600} size="sm" c="dimmed" mb={-8}>
        {t('actions.buckets')}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 6 }}>
        {Object.entries(data.aging.buckets).map(([bucket, n]) => (
          <Card key={bucket} withBorder radius="md" padding="sm">
            <Text size="xs" c="dimmed">
              {t('actions.bucket', { bucket })}
            </Text>
            <Text fw={700} size="xl" c={bucket === '90+' && n ? 'red' : undefined}>
              {n}
            </Text>
          </Card>
        ))}
        <Card withBorder radius="md" padding="sm">
          <Text size="xs" c="dimmed">
            {t('actions.filter.overdue')}
          </Text>
          <Text fw={700} size="xl" c={data.aging.overdue ? 'red' : undefined} data-testid="overdue-count">
            {data.aging.overdue}
          </Text>
        </Card>
        <Card withBorder radius="md" padding="sm">
          <Text size="xs" c="dimmed">
            {t('actions.awaiting')}
          </Text>
          <Text fw={700} size="xl">
            {data.aging.awaitingVerification}
          </Text>
        </Card>
      </SimpleGrid>
      <ActionsTable
        rows={data.rows}
        showUnit
        onVerify={setVerifying}
        exportName={t('actions.export')}
        empty={total ? t('actions.noneInFilter') : undefined}
        loading={isPlaceholderData}
        toolbar={
          <SegmentedControl
            value={filter}
            onChange={(v) => setFilter(v as Filter)}
            data={(['not_closed', 'overdue', 'done', 'all'] as const).map((f) => ({ value: f, label: t(`actions.filter.${f}`) }))}
            data-testid="actions-filter"
          />
        }
      />
      {total > 0 && (
        <Group gap="xs" data-testid="actions-statuses">
          {(['open', 'in_progress', 'done', 'verified'] as const).map((s) => (
            <Badge key={s} variant="outline" tt="none" styles={noClip}>
              {t(`actions.statuses.${s}`)}: {data.statuses[s]}
            </Badge>
          ))}
        </Group>
      )}
      <VerifyModal action={verifying} onClose={() => setVerifying(null)} />
    </Stack>
  );
}
