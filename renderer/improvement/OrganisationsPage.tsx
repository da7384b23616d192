import { Anchor, Badge, Button, Card, Loader, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi, useApiMutation } from '../api/hooks';
import { ConfirmButton } from '../components/ConfirmButton';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { EngagementModal, type EngagementRow, OrganisationModal, type OrgRow } from './organisationForms';
import { noClip, RecordHeader, RowActions } from './parts';
import { formatNumber } from '../../electron/common/reports';

const kindColour = { consultant: 'grape', certifier: 'teal' } as const;
const total = (r: OrgRow) => r.engagements.reduce((n, e) => n + (e.contractValue ?? 0), 0);

function KindBadge({ kind }: { kind: OrgRow['kind'] }) {
  const { t } = useTranslation('improvement');
  return (
    <Badge color={kindColour[kind]} variant="light" tt="none" styles={noClip}>
      {t(`orgs.kinds.${kind}`)}
    </Badge>
  );
}

/** The name shown when confirming a delete: an organisation takes its contracts with it. */
function useDeleteName() {
  const { t } = useTranslation('improvement');
  return (r: OrgRow) => (r.engagements.length ? t('orgs.deleteName', { name: r.name, count: r.engagements.length }) : r.name);
}

/** Contracts as a table: with the organisation (all contracts) or with the unit (one organisation's). */
function EngagementsTable({ rows, showOrganisation, exportName, empty, toolbar }: { rows: EngagementRow[]; showOrganisation: boolean; exportName: string; empty: string; toolbar?: React.ReactNode }) {
  const { t } = useTranslation('improvement');
  const navigate = useNavigate();
  const remove = useApiMutation('orgs.deleteEngagement', { successMessage: t('deleted') });
  const columns: Column<EngagementRow>[] = [
    ...(showOrganisation ? [{ key: 'org', header: t('orgs.name'), value: (e: EngagementRow) => e.organisationName } as Column<EngagementRow>] : []),
    { key: 'unit', header: t('engagement.unit'), value: (e) => e.unitName },
    { key: 'service', header: t('engagement.service'), value: (e) => t(`engagement.services.${e.service}`) },
    { key: 'no', header: t('engagement.contractNo'), value: (e) => e.contractNo },
    { key: 'value', header: t('engagement.value'), value: (e) => e.contractValue, type: 'number', render: (e) => formatNumber(e.contractValue) },
    { key: 'start', header: t('engagement.startDate'), value: (e) => e.startDate, type: 'date' },
    { key: 'end', header: t('engagement.endDate'), value: (e) => e.endDate, type: 'date' },
    { key: 'note', header: t('assessment.note'), value: (e) => e.note },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (e) => <RowActions name={t('engagement.name', { unit: e.unitName, no: e.contractNo || '—' })} onDelete={() => remove.mutate({ id: e.id })} testId="engagement-row" />,
    },
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(e) => e.id}
      exportName={exportName}
      empty={empty}
      toolbar={toolbar}
      initialSort={{ key: 'start', dir: 'desc' }}
      onRowClick={showOrganisation ? (e) => navigate(`/organisations/${e.organisationId}`) : undefined}
      testId="engagements-table"
    />
  );
}

/** Consultants and certification bodies, the units they serve and their contracts. */
export function OrganisationsPage() {
  const { t } = useTranslation('improvement');
  const navigate = useNavigate();
  const rows = useApi('orgs.list', {}).data;
  const remove = useApiMutation('orgs.delete', { successMessage: t('deleted') });
  const deleteName = useDeleteName();
  const [editing, setEditing] = useState<{ row?: OrgRow } | null>(null);
  if (!rows) return <Loader />;
  const columns: Column<OrgRow>[] = [
    { key: 'kind', header: t('orgs.kind'), value: (r) => t(`orgs.kinds.${r.kind}`), render: (r) => <KindBadge kind={r.kind} /> },
    { key: 'name', header: t('orgs.name'), value: (r) => r.name, render: (r) => <Text size="sm" fw={500} miw={180}>{r.name}</Text> },
    { key: 'reg', header: t('orgs.registrationShort'), value: (r) => r.registrationNo },
    {
      key: 'contacts',
      header: t('orgs.contacts'),
      value: (r) => r.contacts,
      render: (r) => (
        <Text size="sm" miw={200} style={{ whiteSpace: 'pre-line' }}>
          {r.contacts}
        </Text>
      ),
    },
    { key: 'units', header: t('orgs.units'), value: (r) => [...new Set(r.engagements.map((e) => e.unitName))].join(', ') },
    { key: 'value', header: t('orgs.totalShort'), type: 'number', value: total, render: (r) => formatNumber(total(r)) },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (r) => <RowActions name={deleteName(r)} onEdit={() => setEditing({ row: r })} onDelete={() => remove.mutate({ id: r.id })} testId="org-row" />,
    },
  ];
  const engagements = rows.flatMap((r) => r.engagements);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('orgs.title')}
        subtitle={t('orgs.subtitle')}
        actions={
          <Button onClick={() => setEditing({})} data-testid="add-org">
            {t('orgs.add')}
          </Button>
        }
      />
      <Tabs defaultValue="orgs" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="orgs">
            {t('orgs.tab')} ({rows.length})
          </Tabs.Tab>
          <Tabs.Tab value="engagements">
            {t('engagement.tab')} ({engagements.length})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="orgs" pt="md">
          <DataTable
            rows={rows}
            columns={columns}
            rowKey={(r) => r.id}
            exportName={t('orgs.export')}
            empty={t('orgs.empty')}
            onRowClick={(r) => navigate(`/organisations/${r.id}`)}
            testId="orgs-table"
          />
        </Tabs.Panel>
        <Tabs.Panel value="engagements" pt="md">
          <EngagementsTable rows={engagements} showOrganisation exportName={t('engagement.export')} empty={t('engagement.emptyAll')} />
        </Tabs.Panel>
      </Tabs>
      {editing && <OrganisationModal initial={editing.row} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {value || '—'}
      </Text>
    </div>
  );
}

/** One organisation: who they are, and the units they serve under which contracts. */
export function OrganisationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('improvement');
  const navigate = useNavigate();
  const rows = useApi('orgs.list', {}).data;
  const remove = useApiMutation('orgs.delete', { successMessage: t('deleted'), onSuccess: () => navigate('/organisations') });
  const deleteName = useDeleteName();
  const [modal, setModal] = useState<'edit' | 'engagement' | null>(null);
  if (!rows) return <Loader />;
  const org = rows.find((r) => r.id === id);
  if (!org) {
    return (
      <Stack>
        <Text c="dimmed">{t('orgs.notFound')}</Text>
        <Anchor component={Link} to="/organisations">
          ← {t('orgs.title')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <RecordHeader
        link={{ to: '/organisations', label: `← ${t('orgs.title')}` }}
        title={org.name}
        badge={<KindBadge kind={org.kind} />}
        actions={
          <>
            <Button variant="light" onClick={() => setModal('edit')} data-testid="edit-org">
              {t('orgs.edit')}
            </Button>
            <ConfirmButton name={deleteName(org)} size="sm" onConfirm={() => remove.mutate({ id: org.id })} />
          </>
        }
      />
      <Card withBorder radius="md">
        <SimpleGrid cols={{ base: 1, md: 4 }}>
          <Field label={t('orgs.registrationNo')} value={org.registrationNo} />
          <Field label={t('orgs.contacts')} value={org.contacts} />
          <Field label={t('orgs.contractValue')} value={formatNumber(total(org))} />
          <Field label={t('assessment.note')} value={org.note} />
        </SimpleGrid>
      </Card>
      <Title order={4}>{t('engagement.list')}</Title>
      <EngagementsTable
        rows={org.engagements}
        showOrganisation={false}
        exportName={`${t('engagement.export')}-${org.name}`}
        empty={t('engagement.empty')}
        toolbar={
          <Button onClick={() => setModal('engagement')} data-testid="add-engagement">
            {t('engagement.add')}
          </Button>
        }
      />
      {modal === 'edit' && <OrganisationModal initial={org} onClose={() => setModal(null)} />}
      {modal === 'engagement' && <EngagementModal organisation={org} onClose={() => setModal(null)} />}
    </Stack>
  );
}
