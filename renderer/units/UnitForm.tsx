import { Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../api/hooks';
import { FormActions } from '../components/FormActions';

type UnitType = 'hq' | 'province' | 'district' | 'affiliated';

/** Adds a unit under a parent; the service checks the code is unique and the parent fits the type. */
export function AddUnitModal({ opened, onClose, defaultParentId }: { opened: boolean; onClose: () => void; defaultParentId?: string }) {
  const { t } = useTranslation('units');
  const parents = useApi('units.list', {}).data ?? [];
  const [form, setForm] = useState({ code: '', name: '', type: 'district' as UnitType, parentId: defaultParentId ?? null as string | null, region: null as string | null });
  const create = useApiMutation('units.create', {
    quiet: true,
    successMessage: t('units.created'),
    onSuccess: () => {
      setForm({ ...form, code: '', name: '' });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('units.add')} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            code: form.code,
            name: form.name,
            type: form.type,
            parentId: form.parentId,
            region: (form.region ?? null) as 'north' | null,
          });
        }}
      >
        <Stack>
          <Group grow>
            <TextInput label={t('units.code')} value={form.code} onChange={(e) => setForm({ ...form, code: e.currentTarget.value })} required data-testid="unit-code" />
            <Select
              label={t('units.type')}
              value={form.type}
              onChange={(v) => setForm({ ...form, type: (v ?? 'district') as UnitType })}
              data={(['province', 'district', 'affiliated', 'hq'] as const).map((v) => ({ value: v, label: t(`common:unitType.${v}`) }))}
              allowDeselect={false}
            />
          </Group>
          <TextInput label={t('units.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} required data-testid="unit-name" />
          <Select
            label={t('units.parent')}
            value={form.parentId}
            onChange={(v) => setForm({ ...form, parentId: v })}
            data={parents.filter((p) => p.type === 'hq' || p.type === 'province').map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
            searchable
            clearable
            data-testid="unit-parent"
          />
          <Select
            label={t('units.region')}
            value={form.region}
            onChange={(v) => setForm({ ...form, region: v })}
            data={(['north', 'centre', 'south'] as const).map((r) => ({ value: r, label: t(`common:region.${r}`) }))}
            clearable
          />
          <FormActions error={create.error} pending={create.isPending} onCancel={onClose} testId="unit" />
        </Stack>
      </form>
    </Modal>
  );
}
