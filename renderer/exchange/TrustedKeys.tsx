import { Alert, Badge, Button, Checkbox, Code, FileButton, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { call } from '../api/client';
import { useApiMutation, useErrorText } from '../api/hooks';
import { ConfirmButton } from '../components/ConfirmButton';
import { type Column, DataTable } from '../components/DataTable';
import { readAsText } from './files';

type Trusted = ApiOutput<'exchange.overview'>['trusted'][number];

/** Peer keys this office accepts bundles and receipts from; adding one needs the fingerprint confirmed by phone. */
export function TrustedKeys({ rows }: { rows: Trusted[] }) {
  const { t } = useTranslation('exchange');
  const [open, setOpen] = useState(false);
  const revoke = useApiMutation('exchange.trust.revoke', { successMessage: t('trusted.revokedDone') });
  const columns: Column<Trusted>[] = [
    { key: 'unit', header: t('trusted.unit'), value: (k) => `${k.unitCode} ${k.unitName === k.unitCode ? '' : k.unitName}`.trim() },
    { key: 'fingerprint', header: t('trusted.fingerprint'), value: (k) => k.fingerprint, render: (k) => <Code>{k.fingerprint}</Code> },
    { key: 'keyId', header: t('trusted.keyId'), value: (k) => k.keyId },
    { key: 'addedAt', header: t('trusted.addedAt'), value: (k) => k.addedAt.slice(0, 10), type: 'date' },
    {
      key: 'status',
      header: t('trusted.status'),
      value: (k) => (k.revokedAt ? t('trusted.revoked', { date: k.revokedAt.slice(0, 10) }) : t('trusted.active')),
      render: (k) =>
        k.revokedAt ? (
          <Badge color="gray" variant="light">
            {t('trusted.revoked', { date: formatVnDate(k.revokedAt) })}
          </Badge>
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Badge color="green" variant="light">
              {t('trusted.active')}
            </Badge>
            <ConfirmButton name={`${k.unitCode} · ${k.fingerprint}`} label={t('trusted.revoke')} onConfirm={() => revoke.mutate({ keyId: k.keyId })} />
          </Group>
        ),
    },
  ];
  return (
    <Stack>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(k) => k.keyId}
        exportName={t('trusted.export')}
        empty={t('trusted.empty')}
        toolbar={<Button onClick={() => setOpen(true)}>{t('trusted.add')}</Button>}
        testId="trusted-keys"
      />
      {open && <AddTrustedKey onClose={() => setOpen(false)} />}
    </Stack>
  );
}

function AddTrustedKey({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('exchange');
  const errorText = useErrorText();
  const [publicKey, setPublicKey] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [checked, setChecked] = useState<{ keyId: string; fingerprint: string } | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [confirmed, setConfirmed] = useState(false);
  const add = useApiMutation('exchange.trust.add', { quiet: true, successMessage: t('trusted.added'), onSuccess: onClose });
  const check = async () => {
    setCheckError(null);
    setChecked(null);
    try {
      setChecked(await call('exchange.trust.inspect', { publicKey }));
    } catch (e) {
      setCheckError(e);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('trusted.add')} centered size="lg">
      <Stack>
        <Textarea
          label={t('trusted.publicKey')}
          value={publicKey}
          onChange={(e) => {
            setPublicKey(e.currentTarget.value);
            setChecked(null);
          }}
          autosize
          minRows={3}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          data-testid="trust-public-key"
        />
        <Group>
          <FileButton accept=".pub,text/plain" onChange={async (f) => f && setPublicKey(await readAsText(f))}>
            {(props) => (
              <Button variant="default" size="xs" {...props}>
                {t('trusted.file')}
              </Button>
            )}
          </FileButton>
        </Group>
        <TextInput label={t('trusted.unitCode')} value={unitCode} onChange={(e) => setUnitCode(e.currentTarget.value)} maw={200} required data-testid="trust-unit" />
        {!checked && (
          <Group justify="flex-end">
            <Button onClick={check} disabled={!publicKey.trim() || !unitCode.trim()}>
              {t('trusted.check')}
            </Button>
          </Group>
        )}
        {checkError != null && <Alert color="red">{errorText(checkError)}</Alert>}
        {checked && (
          <Alert color="blue" title={t('trusted.confirmTitle')}>
            <Stack gap="sm">
              <Text size="sm">{t('trusted.confirmBody', { unit: unitCode })}</Text>
              <Code fz="lg" fw={700} data-testid="trust-fingerprint">
                {checked.fingerprint}
              </Code>
              <Checkbox label={t('trusted.confirmed')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} data-testid="trust-confirm" />
            </Stack>
          </Alert>
        )}
        {add.error != null && <Alert color="red">{errorText(add.error)}</Alert>}
        {checked && (
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button disabled={!confirmed} loading={add.isPending} onClick={() => add.mutate({ publicKey, unitCode: unitCode.trim(), confirmFingerprint: checked.fingerprint })}>
              {t('trusted.trust')}
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
