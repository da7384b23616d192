import { Anchor, Badge, Button, Group, Loader, Menu, Paper, Select, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation, useErrorText } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { AdoptionPanel } from './AdoptionPanel';
import { VersionBadge } from './Badges';
import { openAttachment } from './files';
import { LegalPanel } from './LegalPanel';
import { ProcedureForm } from './ProcedureForm';
import { ApproveModal, AttachModal, NewVersionModal, ReviewModal, type Version, WithdrawModal } from './VersionModals';
import { notifications } from '@mantine/notifications';

type Detail = ApiOutput<'procedures.get'>;

/** A procedure's page: its details, version history with approvals and files, the metadata diff, legal changes and the units applying it. */
export function ProcedurePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('procedures');
  const detail = useApi('procedures.get', { id }).data;
  const [editing, setEditing] = useState(false);
  if (!detail) return <Loader />;
  const { procedure } = detail;
  const current = detail.versions.find((v) => v.id === procedure.currentVersionId);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to="/procedures" size="sm">
            ← {t('procedure.back')}
          </Anchor>
          <Title order={2}>{procedure.title}</Title>
          <Group gap="xs" mt={4}>
            <Badge variant="outline" tt="none">
              {procedure.code}
            </Badge>
            <Badge variant="light" tt="none">
              {t(`domain.${procedure.domain}`)}
            </Badge>
            <Badge variant="light" color="grape" tt="none">
              {t(`origin.${procedure.origin}`)}
            </Badge>
            {procedure.reference && (
              <Badge variant="outline" color="gray" tt="none">
                {t('procedure.reference')}
              </Badge>
            )}
          </Group>
        </div>
        <Button variant="default" onClick={() => setEditing(true)}>
          {t('procedure.edit')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 4 }}>
        <Info label={t('procedure.current')} value={current ? `${t('procedure.versionNo')} ${current.versionNo} · ${current.decisionNo}` : t('procedure.noCurrent')} />
        <Info label={t('procedure.issueDate')} value={formatVnDate(current?.issueDate) || '—'} />
        <Info label={t('procedure.reviewDue')} value={`${formatVnDate(current?.reviewDue) || '—'} (${t('procedure.reviewEvery', { months: procedure.reviewMonths })})`} />
        <Info label={t('form.owner')} value={procedure.ownerRole || '—'} />
      </SimpleGrid>
      {procedure.adminProcedure && (
        <Text size="sm" c="dimmed">
          {t('form.adminProcedure')}: {procedure.adminProcedure}
        </Text>
      )}
      <Tabs defaultValue="versions" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="versions">
            {t('procedure.tabs.versions')} ({detail.versions.length})
          </Tabs.Tab>
          <Tabs.Tab value="diff">{t('procedure.tabs.diff')}</Tabs.Tab>
          <Tabs.Tab value="legal">
            {t('procedure.tabs.legal')} ({detail.legalChanges.filter((l) => l.open).length})
          </Tabs.Tab>
          <Tabs.Tab value="adoption" data-testid="tab-adoption">
            {t('procedure.tabs.adoption')} ({detail.adoptions.length})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="versions" pt="md">
          <VersionsPanel detail={detail} />
        </Tabs.Panel>
        <Tabs.Panel value="diff" pt="md">
          <DiffPanel detail={detail} />
        </Tabs.Panel>
        <Tabs.Panel value="legal" pt="md">
          <LegalPanel detail={detail} />
        </Tabs.Panel>
        <Tabs.Panel value="adoption" pt="md">
          <AdoptionPanel detail={detail} />
        </Tabs.Panel>
      </Tabs>
      <ProcedureForm opened={editing} onClose={() => setEditing(false)} procedure={procedure} />
    </Stack>
  );
}

function Info({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={500}>{value}</Text>
    </Paper>
  );
}

function VersionsPanel({ detail }: { detail: Detail }) {
  const { t } = useTranslation('procedures');
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  const [approving, setApproving] = useState<Version | null>(null);
  const [attaching, setAttaching] = useState<Version | null>(null);
  const [withdrawing, setWithdrawing] = useState<Version | null>(null);
  const [reviewing, setReviewing] = useState<Version | null>(null);
  const submit = useApiMutation('versions.submit', { successMessage: t('procedure.submitted') });
  const open = (id: string) => openAttachment(id).catch((err) => notifications.show({ color: 'red', message: errorText(err), autoClose: 8000 }));
  const columns: Column<Version>[] = [
    { key: 'no', header: t('procedure.versionShort'), value: (v) => v.versionNo, type: 'number', width: 50 },
    { key: 'status', header: t('catalogue.status'), value: (v) => t(`status.${v.status}`), render: (v) => <VersionBadge status={v.status} /> },
    { key: 'reason', header: t('procedure.reason'), value: (v) => t(`reason.${v.reason}`), render: (v) => <Text size="sm" style={{ minWidth: 110 }}>{t(`reason.${v.reason}`)}</Text> },
    { key: 'summary', header: t('procedure.summary'), value: (v) => v.summary },
    {
      key: 'decision',
      header: t('procedure.decision'),
      value: (v) => (v.decisionNo ? `${v.decisionNo} (${formatVnDate(v.decisionDate)}) – ${v.signer}` : ''),
      render: (v) =>
        v.decisionNo ? (
          <div>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {v.decisionNo} · {formatVnDate(v.decisionDate)}
            </Text>
            <Text size="xs" c="dimmed">
              {v.signer}
            </Text>
          </div>
        ) : null,
    },
    { key: 'issued', header: t('procedure.issueDate'), value: (v) => v.issueDate, type: 'date' },
    { key: 'review', header: t('procedure.reviewDue'), value: (v) => v.reviewDue, type: 'date' },
    {
      key: 'files',
      header: t('procedure.files'),
      value: (v) => v.attachments.map((a) => a.name).join(', '),
      render: (v) => (
        <Stack gap={2}>
          {v.attachments.map((a) => (
            <Anchor key={a.id} size="sm" onClick={(e) => (e.stopPropagation(), open(a.id))} data-testid={`file-${a.name}`}>
              {a.name}
            </Anchor>
          ))}
        </Stack>
      ),
    },
    {
      key: 'actions',
      header: t('procedure.actions'),
      value: () => null,
      render: (v) => {
        const open = v.status === 'draft' || v.status === 'in_review' || v.status === 'approved';
        return (
          <Group gap={4} wrap="nowrap">
            {v.status === 'draft' && (
              <Button size="compact-xs" variant="light" onClick={() => submit.mutate({ id: v.id })} data-testid={`submit-${v.versionNo}`}>
                {t('procedure.submit')}
              </Button>
            )}
            {v.status === 'in_review' && (
              <Button size="compact-xs" color="green" onClick={() => setApproving(v)} data-testid={`approve-${v.versionNo}`}>
                {t('procedure.approve')}
              </Button>
            )}
            {v.status === 'approved' && (
              <Button size="compact-xs" variant="light" onClick={() => setReviewing(v)}>
                {t('procedure.review')}
              </Button>
            )}
            {open && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button size="compact-xs" variant="default" aria-label={t('procedure.actions')} data-testid={`more-${v.versionNo}`}>
                    ⋯
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setAttaching(v)} data-testid={`attach-${v.versionNo}`}>
                    {t('procedure.attach')}
                  </Menu.Item>
                  <Menu.Item color="red" onClick={() => setWithdrawing(v)}>
                    {t('procedure.withdraw')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        );
      },
    },
  ];
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={() => setCreating(true)} data-testid="new-version">
          {t('procedure.newVersion')}
        </Button>
      </Group>
      <DataTable testId="versions-table" rows={detail.versions} columns={columns} rowKey={(v) => v.id} exportName={`${t('procedure.exportVersions')}-${detail.procedure.code}`} empty={t('procedure.noVersions')} />
      <NewVersionModal detail={detail} opened={creating} onClose={() => setCreating(false)} />
      <ApproveModal detail={detail} version={approving} onClose={() => setApproving(null)} />
      <AttachModal version={attaching} onClose={() => setAttaching(null)} />
      <WithdrawModal version={withdrawing} onClose={() => setWithdrawing(null)} />
      <ReviewModal version={reviewing} onClose={() => setReviewing(null)} />
    </Stack>
  );
}

type Change = ApiOutput<'versions.diff'>['changes'][number];

function DiffPanel({ detail }: { detail: Detail }) {
  const { t } = useTranslation('procedures');
  const versions = detail.versions;
  const [fromId, setFromId] = useState<string | null>(versions[1]?.id ?? null);
  const [toId, setToId] = useState<string | null>(versions[0]?.id ?? null);
  const diff = useApi('versions.diff', { fromId: fromId ?? '', toId: toId ?? '' }, { enabled: !!fromId && !!toId && fromId !== toId }).data;
  if (versions.length < 2) return <Text c="dimmed">{t('procedure.diffNeedTwo')}</Text>;
  const options = versions.map((v) => ({ value: v.id, label: `${t('procedure.versionNo')} ${v.versionNo} – ${t(`status.${v.status}`)}` }));
  const shown = (c: Change, value: string) =>
    c.field === 'status' && value ? t(`status.${value}`) : c.field === 'reason' && value ? t(`reason.${value}`) : /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatVnDate(value) : value;
  const columns: Column<Change>[] = [
    { key: 'field', header: t('procedure.diffField'), value: (c) => t(`procedure.diffFields.${c.field}`, { defaultValue: c.field }), width: 200 },
    { key: 'before', header: t('procedure.diffBefore'), value: (c) => shown(c, c.before), render: (c) => <Text size="sm" c="red.8">{shown(c, c.before) || '—'}</Text> },
    { key: 'after', header: t('procedure.diffAfter'), value: (c) => shown(c, c.after), render: (c) => <Text size="sm" c="green.8">{shown(c, c.after) || '—'}</Text> },
  ];
  return (
    <Stack gap="sm">
      <Group>
        <Select label={t('procedure.diffFrom')} data={options} value={fromId} onChange={setFromId} w={260} allowDeselect={false} />
        <Select label={t('procedure.diffTo')} data={options} value={toId} onChange={setToId} w={260} allowDeselect={false} />
      </Group>
      <DataTable rows={diff?.changes ?? []} columns={columns} rowKey={(c) => c.field} exportName={`${t('procedure.exportDiff')}-${detail.procedure.code}`} empty={t('procedure.diffNone')} />
    </Stack>
  );
}
