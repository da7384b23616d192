import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A destructive action that asks first. */
export function ConfirmButton(props: ButtonProps & { name: string; onConfirm: () => void; label?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { name, onConfirm, label, ...button } = props;
  return (
    <>
      <Button color="red" variant="subtle" size="xs" {...button} onClick={() => setOpen(true)}>
        {label ?? t('actions.delete')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('confirmDelete.title')} centered>
        <Text mb="lg">{t('confirmDelete.body', { name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('actions.cancel')}
          </Button>
          <Button
            color="red"
            data-autofocus
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {t('actions.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
