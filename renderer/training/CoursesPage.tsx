import { Badge, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { useApi, useApiMutation } from '../api/hooks';
import { FormActions } from '../components/FormActions';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';

type Course = ApiOutput<'training.courses.list'>[number];
const kinds = ['awareness', 'documents', 'internal_audit', 'certified_auditor', 'transition', 'refresher', 'other'] as const;
const roles = ['all', 'leader', 'secretary', 'member', 'internal_auditor'] as const;

/** The editable course catalogue and the courses each ISO role requires. */
export function CoursesPage() {
  const { t } = useTranslation('training');
  const courses = useApi('training.courses.list', { includeInactive: true }).data ?? [];
  const reqs = useApi('training.requirements.get', {}).data;
  const [editing, setEditing] = useState<Course | 'new' | null>(null);
  const setReq = useApiMutation('training.requirements.set', { successMessage: t('courses.requirementsSaved') });
  const columns: Column<Course>[] = [
    { key: 'code', header: t('courses.code'), value: (c) => c.code, width: 90 },
    { key: 'name', header: t('courses.name'), value: (c) => c.name },
    { key: 'kind', header: t('courses.kind'), value: (c) => t(`kinds.${c.kind}`) },
    { key: 'validity', header: t('courses.validity'), value: (c) => c.validityMonths, type: 'number', render: (c) => c.validityMonths ?? t('courses.noValidity') },
    { key: 'active', header: t('courses.active'), value: (c) => (c.active ? t('common:yes') : t('common:no')), render: (c) => <Badge color={c.active ? 'green' : 'gray'} variant="light">{c.active ? t('common:yes') : t('common:no')}</Badge> },
  ];
  const options = courses.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }));
  return (
    <Stack gap="md">
      <PageHeader title={t('courses.title')} subtitle={t('courses.subtitle')} actions={<Button onClick={() => setEditing('new')}>{t('courses.add')}</Button>} />
      <DataTable rows={courses} columns={columns} rowKey={(c) => c.id} exportName={t('courses.export')} onRowClick={setEditing} empty={t('courses.empty')} />
      <Paper withBorder p="md" radius="md">
        <Text fw={600} mb="sm">
          {t('courses.requirements')}
        </Text>
        <Stack gap="sm">
          {reqs &&
            roles.map((role) => (
              <MultiSelect
                key={role}
                label={t(`roles.${role}`)}
                data={options}
                value={reqs[role]}
                onChange={(ids) => setReq.mutate({ role, courseTypeIds: ids })}
                clearable
              />
            ))}
        </Stack>
      </Paper>
      <CourseModal course={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function CourseModal({ course, onClose }: { course: Course | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation('training');
  const blank = { code: '', name: '', kind: 'other' as Course['kind'], validityMonths: null as number | null, active: true, description: '' };
  const [form, setForm] = useState(blank);
  useEffect(() => {
    if (course) setForm(course === 'new' ? blank : { ...blank, ...course });
  }, [course]);
  const create = useApiMutation('training.courses.create', { quiet: true, successMessage: t('courses.saved'), onSuccess: onClose });
  const update = useApiMutation('training.courses.update', { quiet: true, successMessage: t('courses.saved'), onSuccess: onClose });
  const error = create.error ?? update.error;
  if (!course) return null;
  return (
    <Modal opened onClose={onClose} title={course === 'new' ? t('courses.add') : t('courses.edit')} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const { code, ...rest } = form;
          if (course === 'new') create.mutate({ code, ...rest });
          else update.mutate({ id: course.id, ...rest });
        }}
      >
        <Stack>
          <Group grow>
            <TextInput label={t('courses.code')} value={form.code} onChange={(e) => setForm({ ...form, code: e.currentTarget.value })} disabled={course !== 'new'} required />
            <Select label={t('courses.kind')} data={kinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} value={form.kind} onChange={(v) => setForm({ ...form, kind: (v ?? 'other') as Course['kind'] })} allowDeselect={false} />
          </Group>
          <TextInput label={t('courses.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} required />
          <NumberInput
            label={t('courses.validity')}
            description={t('courses.noValidity')}
            value={form.validityMonths ?? ''}
            onChange={(v) => setForm({ ...form, validityMonths: v === '' ? null : Number(v) })}
            min={1}
            max={600}
          />
          <TextInput label={t('courses.description')} value={form.description} onChange={(e) => setForm({ ...form, description: e.currentTarget.value })} />
          <Checkbox label={t('courses.active')} checked={form.active} onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })} />
          <FormActions error={error} pending={create.isPending || update.isPending} onCancel={onClose} testId="course" />
        </Stack>
      </form>
    </Modal>
  );
}
