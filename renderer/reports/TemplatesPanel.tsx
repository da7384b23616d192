import { Alert, Badge, Button, Group, Modal, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { useApi, useApiMutation } from '../api/hooks';
import { ConfirmButton } from '../components/ConfirmButton';
import { type Column, DataTable } from '../components/DataTable';

type Template = ApiOutput<'reports.templates'>[number];
interface Draft {
  id?: string;
  name: string;
  figures: string[];
  unitColumns: string[];
}

/** Report templates: which figures and unit columns a report prints, editable when headquarters changes them. */
export function TemplatesPanel() {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const templates = useApi('reports.templates', {}).data ?? [];
  const catalogue = useApi('figures.catalogue', {}).data;
  const [draft, setDraft] = useState<Draft | null>(null);
  const save = useApiMutation('reports.saveTemplate', { successMessage: t('templates.saved'), onSuccess: () => setDraft(null) });
  const remove = useApiMutation('reports.deleteTemplate');
  const figureLabel = (key: string) => catalogue?.figures.find((f) => f.key === key)?.label[lang] ?? key;
  const columns: Column<Template>[] = [
    {
      key: 'name',
      header: t('templates.name'),
      value: (r) => r.name,
      render: (r) => (
        <Group gap="xs">
          <Text size="sm">{r.name}</Text>
          {r.builtin && (
            <Badge size="sm" variant="light" tt="none">
              {t('templates.builtin')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'figures', header: t('templates.figures'), value: (r) => r.figures.map((f) => f.label || figureLabel(f.key)).join('; ') },
    { key: 'columns', header: t('templates.columns'), value: (r) => t('templates.columnCount', { count: r.unitColumns.length }), width: 90 },
    {
      key: 'actions',
      header: '',
      value: () => '',
      width: 180,
      render: (r) => (
        <Group gap={4} wrap="nowrap" onClick={(e) => e.stopPropagation()}>
          <Button size="xs" variant="subtle" onClick={() => setDraft({ name: `${r.name} (${t('templates.copy').toLowerCase()})`, figures: r.figures.map((f) => f.key), unitColumns: r.unitColumns })}>
            {t('templates.copy')}
          </Button>
          {!r.builtin && <ConfirmButton name={r.name} onConfirm={() => remove.mutate({ id: r.id })} />}
        </Group>
      ),
    },
  ];
  return (
    <Stack>
      <Alert color="blue" variant="light">
        {t('templates.builtinNote')}
      </Alert>
      <DataTable
        rows={templates}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={t('templates.export')}
        onRowClick={(r) => (r.builtin ? undefined : setDraft({ id: r.id, name: r.name, figures: r.figures.map((f) => f.key), unitColumns: r.unitColumns }))}
        toolbar={
          <Button variant="light" onClick={() => setDraft({ name: '', figures: [], unitColumns: ['code', 'name'] })}>
            {t('templates.add')}
          </Button>
        }
      />
      <Modal opened={!!draft} onClose={() => setDraft(null)} title={<Text fw={700}>{draft?.id ? t('templates.edit') : t('templates.add')}</Text>} size="xl" centered>
        {draft && catalogue && (
          <Stack>
            <TextInput label={t('templates.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required />
            <MultiSelect
              label={t('templates.figures')}
              data={catalogue.figures.map((f) => ({ value: f.key, label: f.label[lang] }))}
              value={draft.figures}
              onChange={(figures) => setDraft({ ...draft, figures })}
              searchable
            />
            <MultiSelect
              label={t('templates.columns')}
              data={catalogue.unitColumns.map((c) => ({ value: c.key, label: c.label[lang] }))}
              value={draft.unitColumns}
              onChange={(unitColumns) => setDraft({ ...draft, unitColumns })}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDraft(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                loading={save.isPending}
                onClick={() => save.mutate({ id: draft.id, name: draft.name, figures: draft.figures.map((key) => ({ key })), unitColumns: draft.unitColumns })}
              >
                {t('common:actions.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
