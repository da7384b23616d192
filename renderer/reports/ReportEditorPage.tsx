import { Alert, Anchor, Badge, Button, Grid, Group, Modal, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { ConfirmButton } from '../components/ConfirmButton';
import { DateField } from '../components/DateField';
import { PageHeader } from '../components/PageHeader';
import { saveExported } from './download';
import { periodText } from './labels';
import { PrintPreview } from './PrintPreview';

type Loaded = ApiOutput<'reports.get'>;
interface Form {
  title: string;
  documentNo: string;
  place: string;
  docDate: string | null;
  addressee: string;
  signerTitle: string;
  signer: string;
  recipients: string;
  templateId: string;
  results: string;
  difficulties: string;
  recommendations: string;
}

const toForm = (d: Loaded): Form => ({
  title: d.report.title,
  documentNo: d.report.documentNo,
  place: d.report.place,
  docDate: d.report.docDate,
  addressee: d.report.addressee,
  signerTitle: d.report.signerTitle,
  signer: d.report.signer,
  recipients: d.report.recipients,
  templateId: d.report.templateId ?? 'builtin',
  ...d.sections,
});

/** One report: document details, the three narrative sections, the figures, print preview and files. */
export function ReportEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('reports');
  const navigate = useNavigate();
  const data = useApi('reports.get', { id }).data;
  const templates = useApi('reports.templates', {}).data ?? [];
  const [form, setForm] = useState<Form | null>(null);
  const [dirty, setDirty] = useState(false);
  const [preview, setPreview] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (data && !dirty) setForm(toForm(data));
  }, [data]);
  const save = useApiMutation('reports.update', { successMessage: t('editor.saved'), onSuccess: () => setDirty(false) });
  const finalise = useApiMutation('reports.finalise', { successMessage: t('editor.finalised'), onSuccess: () => setConfirming(false) });
  const remove = useApiMutation('reports.delete', { successMessage: t('editor.deleted'), onSuccess: () => navigate('/reports') });
  const exportFile = useApiMutation('reports.export', {
    onSuccess: (file) => {
      saveExported(file);
      notifications.show({ color: 'green', message: t('editor.fileSaved', { name: file.fileName }) });
    },
  });
  if (!data || !form) return null;
  const final = data.report.status === 'final';
  // Reports received from other units in a bundle are read here, never changed.
  const locked = final || !data.own;
  const set = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setDirty(true);
  };
  const doSave = () =>
    save.mutate({
      id,
      title: form.title,
      documentNo: form.documentNo,
      place: form.place,
      docDate: form.docDate,
      addressee: form.addressee,
      signerTitle: form.signerTitle,
      signer: form.signer,
      recipients: form.recipients,
      templateId: form.templateId,
      sections: { results: form.results, difficulties: form.difficulties, recommendations: form.recommendations },
    });
  const fileButtons = (
    <>
      {(['pdf', 'docx', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          variant={format === 'pdf' ? 'filled' : 'light'}
          data-testid={`export-${format}`}
          loading={exportFile.isPending && exportFile.variables?.format === format}
          disabled={dirty}
          onClick={() => exportFile.mutate({ id, format })}
        >
          {t(`editor.${format}`)}
        </Button>
      ))}
    </>
  );
  const doc = data.document;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/reports" size="sm">
        ← {t('editor.back')}
      </Anchor>
      <PageHeader
        title={
          <Group gap="sm">
            <span>{periodText(t, data.report)}</span>
            <Badge color={final ? 'green' : 'gray'} variant="light" tt="none" size="lg">
              {t(`status.${data.report.status}`)}
            </Badge>
          </Group>
        }
        subtitle={data.report.title}
        actions={
          <>
            <Button variant="default" onClick={() => setPreview(true)} data-testid="report-preview" disabled={dirty}>
              {t('editor.preview')}
            </Button>
            {!locked && (
              <Button onClick={doSave} loading={save.isPending} disabled={!dirty} data-testid="report-save">
                {t('editor.save')}
              </Button>
            )}
          </>
        }
      />
      {final && (
        <Alert color="green" variant="light">
          {t('editor.finalNote', { date: formatVnDate(data.report.finalisedAt?.slice(0, 10)) })}
          {data.report.bundleId ? ` ${t('editor.sentNote', { bundle: data.report.bundleId, date: formatVnDate(data.report.sentAt?.slice(0, 10)) })}` : ''}
        </Alert>
      )}
      {dirty && (
        <Text size="sm" c="orange.8">
          {t('editor.unsaved')}
        </Text>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Title order={5} mb="sm">
                {t('editor.header')}
              </Title>
              <Grid gap="sm">
                <Grid.Col span={12}>
                  <TextInput label={t('editor.title')} value={form.title} onChange={(e) => set({ title: e.currentTarget.value })} disabled={locked} />
                </Grid.Col>
                <Grid.Col span={4}>
                  <TextInput
                    label={t('editor.documentNo')}
                    placeholder={t('editor.documentNoHint')}
                    value={form.documentNo}
                    onChange={(e) => set({ documentNo: e.currentTarget.value })}
                    disabled={locked}
                    data-testid="report-number"
                  />
                </Grid.Col>
                <Grid.Col span={4}>
                  <TextInput label={t('editor.place')} value={form.place} onChange={(e) => set({ place: e.currentTarget.value })} disabled={locked} />
                </Grid.Col>
                <Grid.Col span={4}>
                  {locked ? (
                    <TextInput label={t('editor.docDate')} value={formatVnDate(form.docDate)} disabled />
                  ) : (
                    <DateField label={t('editor.docDate')} value={form.docDate} onChange={(docDate) => set({ docDate })} testId="report-date" />
                  )}
                </Grid.Col>
                <Grid.Col span={12}>
                  <TextInput label={t('editor.addressee')} value={form.addressee} onChange={(e) => set({ addressee: e.currentTarget.value })} disabled={locked} />
                </Grid.Col>
                <Grid.Col span={4}>
                  <TextInput label={t('editor.signerTitle')} value={form.signerTitle} onChange={(e) => set({ signerTitle: e.currentTarget.value })} disabled={locked} />
                </Grid.Col>
                <Grid.Col span={8}>
                  <TextInput label={t('editor.signer')} value={form.signer} onChange={(e) => set({ signer: e.currentTarget.value })} disabled={locked} data-testid="report-signer" />
                </Grid.Col>
                <Grid.Col span={12}>
                  <Textarea label={t('editor.recipients')} value={form.recipients} onChange={(e) => set({ recipients: e.currentTarget.value })} disabled={locked} autosize minRows={2} />
                </Grid.Col>
                <Grid.Col span={12}>
                  <Select
                    label={t('editor.template')}
                    data={templates.map((tp) => ({ value: tp.id, label: tp.name }))}
                    value={form.templateId}
                    onChange={(v) => set({ templateId: v ?? 'builtin' })}
                    disabled={locked}
                    allowDeselect={false}
                  />
                </Grid.Col>
              </Grid>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Title order={5}>{t('editor.narrative')}</Title>
              <Text size="xs" c="dimmed" mb="sm">
                {t('editor.narrativeHint')}
              </Text>
              <Stack gap="sm">
                {(['results', 'difficulties', 'recommendations'] as const).map((k) => (
                  <Textarea key={k} label={t(`editor.${k}`)} value={form[k]} onChange={(e) => set({ [k]: e.currentTarget.value })} disabled={locked} autosize minRows={3} data-testid={`section-${k}`} />
                ))}
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Title order={5} mb="sm">
                {final ? t('editor.figuresFrozen') : t('editor.figures', { date: formatVnDate(data.asOf) })}
              </Title>
              <Text size="sm" c="dimmed" mb="xs">
                {doc.scopeLine}
              </Text>
              <Table withTableBorder withColumnBorders verticalSpacing={4} data-testid="report-figures">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>{t('editor.stt')}</Table.Th>
                    <Table.Th>{t('editor.indicator')}</Table.Th>
                    <Table.Th ta="right">{t('editor.value')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {doc.figures.map((f) => (
                    <Table.Tr key={f.key}>
                      <Table.Td ta="center">{f.no}</Table.Td>
                      <Table.Td>{f.label}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={600}>
                        {f.display}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Group gap="sm">{fileButtons}</Group>
              {!locked && (
                <Group gap="sm" mt="md" justify="space-between">
                  <Button color="green" variant="outline" onClick={() => setConfirming(true)} disabled={dirty} data-testid="report-finalise">
                    {t('editor.finalise')}
                  </Button>
                  <ConfirmButton name={data.report.title} label={t('editor.delete')} onConfirm={() => remove.mutate({ id })} />
                </Group>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      <PrintPreview reportId={id} opened={preview} onClose={() => setPreview(false)} actions={fileButtons} />
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={<Text fw={700}>{t('editor.finaliseTitle')}</Text>} centered>
        <Text mb="lg">{t('editor.finaliseBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="green" onClick={() => finalise.mutate({ id })} loading={finalise.isPending} data-testid="report-finalise-confirm">
            {t('common:actions.confirm')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
