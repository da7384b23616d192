import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { CountdownBadge, VersionBadge } from './Badges';
import { DOMAINS, ORIGINS, ProcedureForm } from './ProcedureForm';

type Row = ApiOutput<'procedures.list'>[number];
const STATUSES = ['none', 'draft', 'in_review', 'approved', 'withdrawn'] as const;

/** The procedure catalogue: filters by domain, origin and status, one search box over everything, and the deadlines that need action. */
export function CataloguePage() {
  const { t } = useTranslation('procedures');
  const navigate = useNavigate();
  const [domain, setDomain] = useState<string | null>(null);
  const [origin, setOrigin] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const rows =
    useApi('procedures.list', {
      domain: (domain ?? undefined) as Row['domain'] | undefined,
      origin: (origin ?? undefined) as Row['origin'] | undefined,
      status: (status ?? undefined) as (typeof STATUSES)[number] | undefined,
    }).data ?? [];
  const alerts = useApi('procedures.alerts', {}).data;
  const hits = useApi('procedures.search', { query: debounced }, { enabled: debounced.length > 0 }).data;
  const load = useApiMutation('procedures.loadStarter', {});
  const columns: Column<Row>[] = [
    { key: 'code', header: t('catalogue.code'), value: (r) => r.code, width: 110, render: (r) => <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>{r.code}</Text> },
    {
      key: 'title',
      header: t('catalogue.name'),
      value: (r) => r.title,
      render: (r) => (
        <Text size="sm" style={{ minWidth: 300 }}>
          {r.title}
          {r.reference && (
            <Text span size="xs" c="dimmed" ml={6}>
              ({t('catalogue.reference')})
            </Text>
          )}
        </Text>
      ),
    },
    { key: 'domain', header: t('catalogue.domain'), value: (r) => t(`domain.${r.domain}`), render: (r) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{t(`domain.${r.domain}`)}</Text> },
    { key: 'origin', header: t('catalogue.origin'), value: (r) => t(`origin.${r.origin}`), render: (r) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{t(`origin.${r.origin}`)}</Text> },
    {
      key: 'version',
      header: t('catalogue.version'),
      value: (r) => r.currentVersionNo,
      type: 'number',
      render: (r) =>
        r.currentVersionNo ? (
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {r.currentVersionNo} · {formatVnDate(r.currentIssueDate)}
          </Text>
        ) : null,
    },
    { key: 'review', header: t('catalogue.reviewDue'), value: (r) => r.reviewDue, type: 'date' },
    { key: 'status', header: t('catalogue.status'), value: (r) => t(`status.${r.status}`), render: (r) => <VersionBadge status={r.status} /> },
    { key: 'adopted', header: t('catalogue.adopted'), value: (r) => r.adoptedBy, type: 'number' },
  ];
  return (
    <Stack gap="md">
      <PageHeader
        title={t('catalogue.title')}
        subtitle={t('catalogue.subtitle')}
        actions={
          <>
            <Button
              variant="light"
              loading={load.isPending}
              onClick={() =>
                load.mutate({}, { onSuccess: (r) => notifications.show({ color: 'green', message: t('catalogue.starterLoaded', r) }) })
              }
              data-testid="load-starter"
            >
              {t('catalogue.loadStarter')}
            </Button>
            <Button onClick={() => setAdding(true)} data-testid="add-procedure">
              {t('catalogue.add')}
            </Button>
          </>
        }
      />
      {alerts && (
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Paper withBorder radius="md" p="sm">
            <Text fw={600} size="sm" mb={6}>
              {t('catalogue.legalAlerts')} ({alerts.legalChanges.length})
            </Text>
            <Stack gap={4}>
              {alerts.legalChanges.slice(0, 4).map((l) => (
                <Group key={l.id} justify="space-between" wrap="nowrap" gap="xs">
                  <Anchor component={Link} to={`/procedures/${l.procedureId}`} size="sm" lineClamp={1}>
                    {l.procedureCode} · {l.reference}
                  </Anchor>
                  <CountdownBadge daysLeft={l.daysLeft} />
                </Group>
              ))}
              {alerts.legalChanges.length === 0 && <Text size="sm" c="dimmed">—</Text>}
            </Stack>
          </Paper>
          <Paper withBorder radius="md" p="sm">
            <Text fw={600} size="sm" mb={6}>
              {t('catalogue.reviewAlerts')} ({alerts.reviewsDue.length})
            </Text>
            <Stack gap={4}>
              {alerts.reviewsDue.slice(0, 4).map((r) => (
                <Group key={r.versionId} justify="space-between" wrap="nowrap" gap="xs">
                  <Anchor component={Link} to={`/procedures/${r.procedureId}`} size="sm" lineClamp={1}>
                    {r.code} · {formatVnDate(r.reviewDue)}
                  </Anchor>
                  <CountdownBadge daysLeft={r.daysLeft} />
                </Group>
              ))}
              {alerts.reviewsDue.length === 0 && <Text size="sm" c="dimmed">—</Text>}
            </Stack>
          </Paper>
          <Paper withBorder radius="md" p="sm">
            <Text fw={600} size="sm" mb={6}>
              {t('catalogue.outdatedAlerts')}
            </Text>
            <Group justify="space-between">
              <Title order={2} c={alerts.outdatedAdoptions ? 'orange.7' : 'dimmed'}>
                {alerts.outdatedAdoptions}
              </Title>
              <Anchor component={Link} to="/adoption" size="sm">
                {t('nav.matrix')} →
              </Anchor>
            </Group>
          </Paper>
        </SimpleGrid>
      )}
      <Paper withBorder radius="md" p="sm">
        <TextInput placeholder={t('catalogue.searchAll')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} aria-label={t('catalogue.searchAll')} data-testid="procedure-search" />
        {debounced && hits && (
          <Stack gap={0} mt="sm" data-testid="search-hits">
            <Text size="xs" c="dimmed" mb={4}>
              {t('catalogue.searchResults')}
            </Text>
            {hits.length === 0 && <Text size="sm" c="dimmed">{t('catalogue.noHits', { query: debounced })}</Text>}
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {hits.map((h) => (
                  <Table.Tr key={h.id} style={{ cursor: h.procedureId ? 'pointer' : undefined }} onClick={() => h.procedureId && navigate(`/procedures/${h.procedureId}`)}>
                    <Table.Td w={140}>
                      <Badge variant="light" tt="none" radius="sm">
                        {t(`catalogue.hitKind.${h.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td w={130}>{h.procedureCode}</Table.Td>
                    <Table.Td>{h.label}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Paper>
      <DataTable
        testId="procedures-table"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={t('catalogue.export')}
        onRowClick={(r) => navigate(`/procedures/${r.id}`)}
        empty={t('catalogue.empty')}
        toolbar={
          <>
            <Select placeholder={t('catalogue.domain')} aria-label={t('catalogue.domain')} data={DOMAINS.map((d) => ({ value: d, label: t(`domain.${d}`) }))} value={domain} onChange={setDomain} clearable w={190} />
            <Select placeholder={t('catalogue.origin')} aria-label={t('catalogue.origin')} data={ORIGINS.map((o) => ({ value: o, label: t(`origin.${o}`) }))} value={origin} onChange={setOrigin} clearable w={200} />
            <Select placeholder={t('catalogue.status')} aria-label={t('catalogue.status')} data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} value={status} onChange={setStatus} clearable w={180} />
          </>
        }
      />
      <ProcedureForm opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}
