import { Alert, Anchor, Button, FileInput, Group, Modal, MultiSelect, Paper, Progress, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation, useErrorText } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { FormActions } from '../components/FormActions';
import { PageHeader } from '../components/PageHeader';
import { ClauseBadge } from './Badges';
import { openAttachment, uploadTo } from './files';

type Checklist = ApiOutput<'checklists.get'>;
type ClauseRow = Checklist['clauses'][number];
type Overview = ApiOutput<'checklists.overview'>[number];
const STATUSES = ['not_started', 'in_progress', 'conforms', 'partly', 'does_not_conform', 'not_applicable'] as const;

/** A unit's requirement checklist (TCVN ISO 9001:2008 or 2015): status and evidence per clause and a completion score; with no unit chosen, the scores of every unit. */
export function ChecklistPage() {
  const { unitId } = useParams();
  const { t } = useTranslation('procedures');
  const navigate = useNavigate();
  const units = useApi('units.list', {}).data ?? [];
  return (
    <Stack gap="md">
      <PageHeader title={t('checklists.title')} subtitle={t('checklists.subtitle')} />
      <Select
        label={t('checklists.unit')}
        placeholder={t('checklists.pickUnit')}
        data={units.map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))}
        value={unitId ?? null}
        onChange={(v) => navigate(v ? `/checklists/${v}` : '/checklists')}
        searchable
        clearable
        w={420}
        data-testid="checklist-unit"
      />
      {unitId ? <UnitChecklist unitId={unitId} /> : <OverviewTable />}
    </Stack>
  );
}

function OverviewTable() {
  const { t } = useTranslation('procedures');
  const navigate = useNavigate();
  const rows = useApi('checklists.overview', {}).data ?? [];
  const columns: Column<Overview>[] = [
    { key: 'code', header: t('matrix.code'), value: (r) => r.code, width: 80 },
    { key: 'name', header: t('checklists.unit'), value: (r) => r.name },
    { key: 'standard', header: t('checklists.standard'), value: (r) => `TCVN ISO 9001:${r.standard}` },
    { key: 'started', header: t('checklists.started'), value: (r) => r.startedDate, type: 'date' },
    { key: 'score', header: t('checklists.score'), value: (r) => r.percent, type: 'number', render: (r) => <ScoreBar percent={r.percent} /> },
    { key: 'conforms', header: t('checklists.statuses.conforms'), value: (r) => r.counts.conforms, type: 'number' },
    { key: 'nc', header: t('checklists.statuses.does_not_conform'), value: (r) => r.counts.does_not_conform, type: 'number' },
  ];
  return (
    <Stack gap="xs">
      <Title order={4}>{t('checklists.overview')}</Title>
      <DataTable rows={rows} columns={columns} rowKey={(r) => r.unitId} exportName={t('checklists.exportOverview')} empty={t('checklists.overviewEmpty')} onRowClick={(r) => navigate(`/checklists/${r.unitId}`)} />
    </Stack>
  );
}

function ScoreBar({ percent }: { percent: number }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={percent} w={120} color={percent >= 80 ? 'green' : percent >= 40 ? 'yellow' : 'red'} />
      <Text size="sm">{percent.toLocaleString('vi-VN')}%</Text>
    </Group>
  );
}

function UnitChecklist({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation('procedures');
  const data = useApi('checklists.get', { unitId }).data;
  const select = useApiMutation('checklists.select', {});
  const migrate = useApiMutation('checklists.migrate', { onSuccess: (r) => notifications.show({ color: 'green', message: t('checklists.migrated', r) }) });
  const [editing, setEditing] = useState<ClauseRow | null>(null);
  if (!data) return null;
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  if (!data.checklist) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Text mb="md">{t('checklists.none', { unit: data.unit.name })}</Text>
        <Group>
          <Button variant="light" onClick={() => select.mutate({ unitId, standard: '2008' })} data-testid="choose-2008">
            {t('checklists.choose2008')}
          </Button>
          <Button onClick={() => select.mutate({ unitId, standard: '2015' })} data-testid="choose-2015">
            {t('checklists.choose2015')}
          </Button>
        </Group>
      </Paper>
    );
  }
  const columns: Column<ClauseRow>[] = [
    { key: 'clause', header: t('checklists.clause'), value: (c) => c.clause, width: 80, render: (c) => <Text size="sm" fw={c.leaf ? 400 : 700}>{c.clause}</Text> },
    {
      key: 'title',
      header: t('checklists.clauseTitle'),
      value: (c) => c[lang],
      render: (c) => (
        <Text size="sm" fw={c.leaf ? 400 : 700} pl={c.depth * 14}>
          {c[lang]}
        </Text>
      ),
    },
    { key: 'documented', header: t('checklists.documented'), value: (c) => (c.documented ? t(`checklists.docs.${c.documented}`) : '') },
    { key: 'status', header: t('checklists.status'), value: (c) => (c.leaf ? t(`checklists.statuses.${c.status}`) : ''), render: (c) => (c.leaf ? <ClauseBadge status={c.status} /> : null) },
    { key: 'evidence', header: t('checklists.evidence'), value: (c) => [...c.evidenceVersions.map((v) => `#${v!.versionNo}`), ...c.attachments.map((a) => a.name)].join(', ') },
    { key: 'note', header: t('checklists.note'), value: (c) => c.note },
    {
      key: 'edit',
      header: '',
      value: () => null,
      render: (c) =>
        c.leaf ? (
          <Button size="compact-xs" variant="light" onClick={() => setEditing(c)} data-testid={`clause-${c.clause}`}>
            {t('checklists.edit')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Paper withBorder radius="md" p="sm">
          <Text size="xs" c="dimmed">
            {t('checklists.standard')}
          </Text>
          <Text fw={600}>TCVN ISO 9001:{data.checklist.standard}</Text>
          <Text size="xs" c="dimmed">
            {t('checklists.started')} {formatVnDate(data.checklist.startedDate)}
          </Text>
        </Paper>
        <Paper withBorder radius="md" p="sm">
          <Text size="xs" c="dimmed">
            {t('checklists.score')}
          </Text>
          <ScoreBar percent={data.score.percent} />
          <Text size="xs" c="dimmed">
            {t('checklists.applicable', { count: data.score.applicable })}
          </Text>
        </Paper>
        {data.checklist.standard === '2008' && (
          <Paper withBorder radius="md" p="sm">
            <Button variant="light" onClick={() => migrate.mutate({ unitId })} loading={migrate.isPending}>
              {t('checklists.migrate')}
            </Button>
            <Text size="xs" c="dimmed" mt={4}>
              {t('checklists.migrateHint')}
            </Text>
          </Paper>
        )}
      </SimpleGrid>
      <DataTable testId="checklist-table" rows={data.clauses} columns={columns} rowKey={(c) => c.clause} exportName={`${t('checklists.export')}-${data.unit.code}`} />
      <ClauseModal unitId={unitId} clause={editing} onClose={() => setEditing(null)} lang={lang} />
    </Stack>
  );
}

function ClauseModal({ unitId, clause, onClose, lang }: { unitId: string; clause: ClauseRow | null; onClose: () => void; lang: 'vi' | 'en' }) {
  const { t } = useTranslation('procedures');
  const procedures = useApi('procedures.list', {}, { enabled: !!clause }).data ?? [];
  const [form, setForm] = useState({ status: 'not_started' as (typeof STATUSES)[number], note: '', evidenceVersionIds: [] as string[] });
  useEffect(() => {
    if (clause) setForm({ status: clause.status, note: clause.note, evidenceVersionIds: clause.evidenceVersionIds });
  }, [clause]);
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  useEffect(() => {
    setFile(null);
    setFileError(null);
  }, [clause]);
  const save = useApiMutation('checklists.setStatus', {
    quiet: true,
    onSuccess: async (item) => {
      if (file) {
        try {
          await uploadTo('checklist_item', item.id, file);
          await qc.invalidateQueries();
        } catch (err) {
          setFileError(errorText(err));
          return;
        }
      }
      notifications.show({ color: 'green', message: t('checklists.saved') });
      onClose();
    },
  });
  if (!clause) return null;
  const options = procedures.filter((p) => p.currentVersionId).map((p) => ({ value: p.currentVersionId!, label: `${p.code} – ${t('procedure.versionNo')} ${p.currentVersionNo}` }));
  for (const id of form.evidenceVersionIds) if (!options.some((o) => o.value === id)) options.push({ value: id, label: id.slice(0, 8) });
  return (
    <Modal opened={!!clause} onClose={onClose} title={t('checklists.editTitle', { clause: clause.clause, title: clause[lang] })} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ unitId, clause: clause.clause, ...form });
        }}
      >
        <Stack>
          <Select
            label={t('checklists.status')}
            data={STATUSES.map((s) => ({ value: s, label: t(`checklists.statuses.${s}`) }))}
            value={form.status}
            onChange={(v) => v && setForm({ ...form, status: v as (typeof STATUSES)[number] })}
            allowDeselect={false}
            data-testid="clause-status"
          />
          <MultiSelect label={t('checklists.evidenceVersions')} data={options} value={form.evidenceVersionIds} onChange={(v) => setForm({ ...form, evidenceVersionIds: v })} searchable />
          <Textarea label={t('checklists.note')} value={form.note} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} autosize minRows={2} />
          {clause.attachments.length > 0 && (
            <Stack gap={2}>
              <Text size="sm" fw={500}>
                {t('checklists.files')}
              </Text>
              {clause.attachments.map((a) => (
                <Anchor key={a.id} size="sm" onClick={() => openAttachment(a.id).catch((err) => setFileError(errorText(err)))}>
                  {a.name}
                </Anchor>
              ))}
            </Stack>
          )}
          <FileInput label={t('checklists.addFile')} placeholder={t('approveForm.filePlaceholder')} value={file} onChange={setFile} clearable />
          {fileError && <Alert color="red">{fileError}</Alert>}
          {clause.documented === 'procedure' && <Alert color="blue">{t('checklists.docs.procedure')}</Alert>}
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} testId="clause" />
        </Stack>
      </form>
    </Modal>
  );
}
