import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useErrorText } from '../api/hooks';
import { readAsText } from './files';

/** The receiver's signed receipt marks an issued bundle delivered. */
export function ReceiptModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('exchange');
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const receipt = useApiMutation('exchange.receipt.import', { quiet: true });
  return (
    <Modal opened onClose={onClose} title={t('receipt.title')} centered>
      <Stack>
        <Text size="sm">{t('receipt.body')}</Text>
        <FileInput
          label={t('receipt.choose')}
          accept=".txt,text/plain"
          value={file}
          onChange={async (f) => {
            setFile(f);
            if (f) receipt.mutate({ text: await readAsText(f) });
          }}
        />
        {receipt.error != null && <Alert color="red">{errorText(receipt.error)}</Alert>}
        {receipt.data && <Alert color="green">{t('receipt.done', { sequence: receipt.data.sequence, by: receipt.data.acknowledgedBy })}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
