import { Alert, Button, Code, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { call } from '../api/client';
import { useApiMutation, useErrorText } from '../api/hooks';
import { downloadText } from './files';

type Overview = ApiOutput<'exchange.overview'>;

/** The office's own key: the fingerprint people read out on the phone, and what to do with the key. */
export function KeyCard({ overview }: { overview: Overview }) {
  const { t } = useTranslation('exchange');
  const errorText = useErrorText();
  const [passphrase, setPassphrase] = useState('');
  const [rotateOpen, setRotateOpen] = useState(false);
  const generate = useApiMutation('exchange.keys.generate', { quiet: true, successMessage: t('key.generated') });
  const rotate = useApiMutation('exchange.keys.rotate', { onSuccess: () => setRotateOpen(false) });
  const key = overview.key;
  const askPassphrase = !overview.unlockable;
  if (!key) {
    return (
      <Paper withBorder p="lg" radius="md">
        <Stack>
          <Title order={4}>{t('key.title')}</Title>
          <Text>{t('key.none')}</Text>
          {askPassphrase && (
            <PasswordInput label={t('key.passphrase')} description={t('key.passphraseHint')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} maw={420} />
          )}
          {generate.error != null && <Alert color="red">{errorText(generate.error)}</Alert>}
          <Group>
            <Button onClick={() => generate.mutate({ passphrase: askPassphrase ? passphrase : undefined })} loading={generate.isPending} data-testid="generate-key">
              {t('key.generate')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }
  return (
    <Paper withBorder p="lg" radius="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="lg">
        <Stack gap={6}>
          <Title order={4}>{t('key.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('key.fingerprint')}
          </Text>
          <Code fz="lg" fw={600} data-testid="own-fingerprint" style={{ letterSpacing: '0.06em' }}>
            {key.fingerprint}
          </Code>
          <Text size="xs" c="dimmed">
            {t('key.fingerprintHint')}
          </Text>
          <Text size="sm">
            {t('key.keyId')}: <Code>{key.keyId}</Code> · {t('key.created')}: {formatVnDate(key.createdAt)}
          </Text>
          {overview.pendingKey && (
            <Text size="sm" c="orange.8">
              {t('key.pending', { fingerprint: overview.pendingKey.fingerprint })}
            </Text>
          )}
        </Stack>
        <Group>
          <Button
            variant="light"
            onClick={async () => {
              const pub = await call('exchange.keys.publicKey', {});
              downloadText(pub.text, pub.fileName);
            }}
          >
            {t('key.download')}
          </Button>
          <Button variant="subtle" color="gray" onClick={() => setRotateOpen(true)} disabled={!!overview.pendingKey}>
            {t('key.rotate')}
          </Button>
        </Group>
      </Group>
      <Modal opened={rotateOpen} onClose={() => setRotateOpen(false)} title={t('key.rotate')} centered>
        <Stack>
          <Text>{t('key.rotateBody')}</Text>
          {askPassphrase && <PasswordInput label={t('key.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRotateOpen(false)}>
              {t('common:actions.cancel')}
            </Button>
            <Button onClick={() => rotate.mutate({ passphrase: askPassphrase ? passphrase : undefined })} loading={rotate.isPending}>
              {t('common:actions.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
