import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { isoDateOf } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { FormActions } from '../components/FormActions';
import { DateField } from '../components/DateField';

type Unit = ApiOutput<'units.get'>['unit'];
type Mode = 'edit' | 'merge' | 'split' | null;

/** Rename/move, merge and split a unit (the 2025 reorganisation), each with its decision and date. */
export function UnitActions({ unit }: { unit: Unit }) {
  const { t } = useTranslation('units');
  const [mode, setMode] = useState<Mode>(null);
  const units = useApi('units.list', {}).data ?? [];
  const [name, setName] = useState(unit.name);
  const [parentId, setParentId] = useState<string | null>(unit.parentId);
  const [decisionNo, setDecisionNo] = useState('');
  const [eventDate, setEventDate] = useState<string | null>(isoDateOf(new Date()));
  const [targetId, setTargetId] = useState<string | null>(null);
  const [parts, setParts] = useState([
    { code: '', name: '' },
    { code: '', name: '' },
  ]);
  const close = () => setMode(null);
  const update = useApiMutation('units.update', { quiet: true, successMessage: t('common:saved'), onSuccess: close });
  const merge = useApiMutation('units.merge', { quiet: true, successMessage: t('common:saved'), onSuccess: close });
  const split = useApiMutation('units.split', { quiet: true, successMessage: t('common:saved'), onSuccess: close });
  const error = update.error ?? merge.error ?? split.error;
  if (unit.status !== 'active') return null;
  const others = units.filter((u) => u.id !== unit.id && u.type === unit.type).map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }));
  const parents = units.filter((u) => u.id !== unit.id && (u.type === 'hq' || u.type === 'province')).map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }));
  const decisionFields = (
    <Group grow>
      <TextInput label={t('unit.decisionOptional')} placeholder="123/QĐ-BHXH" value={decisionNo} onChange={(e) => setDecisionNo(e.currentTarget.value)} required={mode !== 'edit'} />
      <DateField label={t('unit.effectiveDate')} value={eventDate} onChange={setEventDate} required />
    </Group>
  );
  return (
    <>
      <Group gap="xs">
        <Button variant="default" size="xs" onClick={() => setMode('edit')}>
          {t('unit.edit')}
        </Button>
        {unit.type !== 'hq' && (
          <>
            <Button variant="default" size="xs" onClick={() => setMode('merge')}>
              {t('unit.merge')}
            </Button>
            <Button variant="default" size="xs" onClick={() => setMode('split')}>
              {t('unit.split')}
            </Button>
          </>
        )}
      </Group>
      <Modal opened={mode !== null} onClose={close} title={mode ? t(`unit.${mode}`) : ''} size="lg" centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const date = eventDate ?? '';
            if (mode === 'edit') update.mutate({ id: unit.id, name, parentId, decisionNo: decisionNo || undefined, eventDate: date });
            if (mode === 'merge') merge.mutate({ sourceIds: [unit.id], targetId: targetId ?? '', decisionNo, eventDate: date });
            if (mode === 'split') split.mutate({ sourceId: unit.id, parts: parts.filter((p) => p.code || p.name), decisionNo, eventDate: date });
          }}
        >
          <Stack>
            {mode === 'edit' && (
              <>
                <TextInput label={t('unit.newName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
                {unit.type !== 'hq' && <Select label={t('unit.newParent')} data={parents} value={parentId} onChange={setParentId} searchable />}
              </>
            )}
            {mode === 'merge' && (
              <>
                <Text size="sm" c="dimmed">
                  {t('unit.mergeHint')}
                </Text>
                <Select label={t('unit.mergeInto')} data={others} value={targetId} onChange={setTargetId} searchable required />
              </>
            )}
            {mode === 'split' && (
              <>
                <Text size="sm" c="dimmed">
                  {t('unit.splitHint')}
                </Text>
                {parts.map((p, i) => (
                  <Group key={i} grow>
                    <TextInput
                      label={`${t('unit.part', { n: i + 1 })} – ${t('units.code')}`}
                      value={p.code}
                      onChange={(e) => setParts(parts.map((q, j) => (j === i ? { ...q, code: e.currentTarget.value } : q)))}
                    />
                    <TextInput
                      label={t('units.name')}
                      value={p.name}
                      onChange={(e) => setParts(parts.map((q, j) => (j === i ? { ...q, name: e.currentTarget.value } : q)))}
                    />
                  </Group>
                ))}
                <Button variant="subtle" size="xs" onClick={() => setParts([...parts, { code: '', name: '' }])}>
                  {t('unit.addPart')}
                </Button>
              </>
            )}
            {decisionFields}
            <FormActions error={error} pending={update.isPending || merge.isPending || split.isPending} onCancel={close} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
