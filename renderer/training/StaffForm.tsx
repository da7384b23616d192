import { Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { FormActions } from '../components/FormActions';
import { DateField } from '../components/DateField';
import { ResultBadge, useUnitOptions } from './shared';

type Staff = ApiOutput<'training.staff.page'>['rows'][number];
const roles = ['none', 'leader', 'secretary', 'member', 'internal_auditor'] as const;

const blank = { unitId: null as string | null, fullName: '', staffCode: '', birthDate: null as string | null, position: '', department: '', isoRole: 'none' as (typeof roles)[number], phone: '', email: '', status: 'active' as 'active' | 'left', note: '' };

/** Adds a person, or edits one and shows their training history. */
export function StaffModal({ opened, onClose, person, defaultUnitId }: { opened: boolean; onClose: () => void; person: Staff | null; defaultUnitId?: string }) {
  const { t } = useTranslation('training');
  const unitOptions = useUnitOptions();
  const [form, setForm] = useState(blank);
  // The list carries only its columns: the form is filled from the whole record (phone, e-mail, note…).
  const detail = useApi('training.staff.get', { id: person?.id ?? '' }, { enabled: !!person && opened }).data;
  const record = detail?.staff.id === person?.id ? detail?.staff : undefined;
  useEffect(() => {
    if (!opened) return;
    if (!person) setForm({ ...blank, unitId: defaultUnitId ?? null });
    else if (record) {
      const { unitId, fullName, staffCode, birthDate, position, department, isoRole, phone, email, status, note } = record;
      setForm({ unitId, fullName, staffCode, birthDate, position, department, isoRole, phone, email, status, note });
    }
  }, [opened, person?.id, record]);
  const history = detail?.history ?? [];
  const create = useApiMutation('training.staff.create', { quiet: true, successMessage: t('staff.created'), onSuccess: onClose });
  const update = useApiMutation('training.staff.update', { quiet: true, successMessage: t('staff.saved'), onSuccess: onClose });
  const error = create.error ?? update.error;
  const set = (k: keyof typeof blank) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });
  const submit = () => {
    const values = { ...form, unitId: form.unitId ?? '' };
    if (person) update.mutate({ id: person.id, ...values });
    else create.mutate(values);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={person ? t('staff.edit') : t('staff.add')} size="xl" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Group grow>
            <TextInput label={t('staff.fullName')} value={form.fullName} onChange={set('fullName')} required data-testid="staff-name" />
            <DateField label={t('staff.birthDate')} value={form.birthDate} onChange={(v) => setForm({ ...form, birthDate: v })} testId="staff-birth" />
          </Group>
          <Group grow>
            <Select label={t('staff.unit')} data={unitOptions} value={form.unitId} onChange={(v) => setForm({ ...form, unitId: v })} searchable required data-testid="staff-unit" />
            <TextInput label={t('staff.staffCode')} value={form.staffCode} onChange={set('staffCode')} />
          </Group>
          <Group grow>
            <TextInput label={t('staff.department')} value={form.department} onChange={set('department')} />
            <TextInput label={t('staff.position')} value={form.position} onChange={set('position')} />
          </Group>
          <Group grow>
            <Select
              label={t('staff.isoRole')}
              data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={form.isoRole}
              onChange={(v) => setForm({ ...form, isoRole: (v ?? 'none') as typeof form.isoRole })}
              allowDeselect={false}
              data-testid="staff-role"
            />
            <Select
              label={t('staff.status')}
              data={(['active', 'left'] as const).map((s) => ({ value: s, label: t(`staffStatus.${s}`) }))}
              value={form.status}
              onChange={(v) => setForm({ ...form, status: (v ?? 'active') as 'active' })}
              allowDeselect={false}
            />
          </Group>
          <Group grow>
            <TextInput label={t('staff.phone')} value={form.phone} onChange={set('phone')} />
            <TextInput label={t('staff.email')} value={form.email} onChange={set('email')} />
          </Group>
          <TextInput label={t('staff.note')} value={form.note} onChange={set('note')} />
          {/* Saving before the record is in would write the blank fields over it. */}
          <FormActions error={error} pending={create.isPending || update.isPending || (!!person && !record)} onCancel={onClose} testId="staff" />
          {person && (
            <>
              <Text fw={600}>{t('staff.history')}</Text>
              {history.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('staff.noHistory')}
                </Text>
              ) : (
                <Table striped>
                  <Table.Tbody>
                    {history.map((h) => (
                      <Table.Tr key={h.id}>
                        <Table.Td>{formatVnDate(h.startDate)}</Table.Td>
                        <Table.Td>{h.courseName}</Table.Td>
                        <Table.Td>
                          <ResultBadge result={h.result} />
                        </Table.Td>
                        <Table.Td>{h.certificateNo}</Table.Td>
                        <Table.Td>{h.certificateExpiry ? formatVnDate(h.certificateExpiry) : ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
