import { Alert, Button, Checkbox, FileInput, Group, Loader, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { call } from '../api/client';
import { useErrorText } from '../api/hooks';
import { ChangeSummary } from './ChangeSummary';
import { downloadText, readAsBase64 } from './files';
import { tableLabel } from './tableLabel';

type Preview = ApiOutput<'exchange.bundle.preview'>;
type Result = ApiOutput<'exchange.bundle.import'>;

const when = (iso: string) => `${formatVnDate(iso)} ${iso.slice(11, 16)}`;

/** Choose a bundle → it is verified and previewed table by table → apply all of it, or nothing. */
/**
 * Import with preview: a file chosen here (uploaded), or a bundle the user
 * opened with the app (`path`, passed by the desktop shell).
 */
export function ImportModal({ askPassphrase, onClose, path }: { askPassphrase: boolean; onClose: () => void; path?: string }) {
  const { t } = useTranslation('exchange');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [acceptGap, setAcceptGap] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  /** The receipt of a bundle imported before could not be signed again (its key did not open). */
  const [receiptUnsigned, setReceiptUnsigned] = useState<'first' | 'again' | null>(null);

  useEffect(() => {
    if (!path) return;
    setBusy(true);
    call('exchange.bundle.preview', { path })
      .then(setPreview)
      .catch(setError)
      .finally(() => setBusy(false));
  }, [path]);

  const choose = async (f: File | null) => {
    setFile(f);
    setPreview(null);
    setResult(null);
    setError(null);
    setAcceptGap(false);
    setReceiptUnsigned(null);
    if (!f) return;
    setBusy(true);
    try {
      const up = await call('exchange.bundle.upload', { fileName: f.name, base64: await readAsBase64(f) });
      setUpload(up.upload);
      setPreview(await call('exchange.bundle.preview', { upload: up.upload }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  /** The bundle for the API: the opened path, or the chosen file (uploaded again once an import has used its upload up). */
  const source = async (): Promise<{ path: string } | { upload: string }> => {
    if (path) return { path };
    if (upload) return { upload };
    const up = await call('exchange.bundle.upload', { fileName: file!.name, base64: await readAsBase64(file!) });
    return { upload: up.upload };
  };
  const runImport = async (pass: string | undefined) => {
    const r = await call('exchange.bundle.import', { ...(await source()), acceptGap, passphrase: pass });
    setUpload(null); // the API removes an upload it imported
    setResult(r);
    return r;
  };
  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      await runImport(askPassphrase ? passphrase : undefined);
      await qc.invalidateQueries();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  /**
   * Saves the receipt for the sender. For a bundle imported before, importing
   * it again gives its receipt (signed anew if a crash lost it) and changes nothing else.
   */
  const saveReceipt = async () => {
    setBusy(true);
    setError(null);
    try {
      // The passphrase only matters when the receipt must be signed anew: asked for then.
      const r = result?.receiptText ? result : await runImport(askPassphrase && passphrase ? passphrase : undefined);
      if (!r.receiptText) {
        setReceiptUnsigned(askPassphrase && passphrase ? 'again' : 'first');
        return;
      }
      setReceiptUnsigned(null);
      const fileName = `receipt-${r.issuer.code}-${r.sequence}.txt`;
      // The desktop app shows its save dialog for this download (electron/main/window.ts).
      downloadText(r.receiptText, fileName);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const tableName = (name: string) => tableLabel(t, name);
  const canApply = preview && preview.status !== 'already' && (preview.status !== 'gap' || acceptGap) && !result;
  return (
    <Modal opened onClose={onClose} title={t('import.title')} centered size="xl">
      <Stack>
        {path ? (
          <Text size="sm" ff="monospace">
            {path}
          </Text>
        ) : (
          <FileInput label={t('import.choose')} accept=".zip,application/zip" value={file} onChange={choose} clearable data-testid="import-file" />
        )}
        {busy && !preview && (
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm">{t('import.checking')}</Text>
          </Group>
        )}
        {error != null && (
          <Alert color="red" data-testid="import-error">
            {errorText(error)}
          </Alert>
        )}
        {preview && (
          <Stack gap="sm" data-testid="import-preview">
            <div>
              <Text fw={600}>{t('import.from', { sequence: preview.sequence, unit: `${preview.issuer.code} ${preview.issuer.name}` })}</Text>
              <Text size="sm" c="dimmed">
                {t('import.kind', { kind: preview.kind.startsWith('delta') ? t('sent.kinds.delta', { since: preview.kind.split(' ').at(-1) }) : t('sent.kinds.full'), date: formatVnDate(preview.baggingDate) })}
              </Text>
              <Text size="sm" c="green.8">
                ✓ {t('import.signed', { keyId: preview.keyId, fingerprint: preview.fingerprint })}
              </Text>
            </div>
            {preview.status === 'already' && (
              <Alert color="blue" data-testid="import-already">
                <Stack gap="xs">
                  <Text size="sm">{t('import.already')}</Text>
                  <Text size="sm">{t('import.alreadyReceipt')}</Text>
                  {receiptUnsigned && (
                    <Text size="sm" c={receiptUnsigned === 'again' ? 'red.8' : undefined} data-testid="receipt-unsigned">
                      {askPassphrase ? t(receiptUnsigned === 'again' ? 'import.receiptWrongPassphrase' : 'import.receiptNeedsPassphrase') : t('import.receiptNoKey')}
                    </Text>
                  )}
                  <Group align="flex-end" gap="sm">
                    {receiptUnsigned && askPassphrase && (
                      <PasswordInput label={t('key.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} w={280} data-testid="receipt-passphrase" />
                    )}
                    <Button variant="white" onClick={saveReceipt} loading={busy} data-testid="save-receipt">
                      {t('import.saveReceipt')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            {preview.status === 'gap' && (
              <Alert color="orange">
                <Stack gap="xs">
                  <Text size="sm">{t('import.gap', { missing: preview.missing.join(', ') })}</Text>
                  <Checkbox label={t('import.acceptGap')} checked={acceptGap} onChange={(e) => setAcceptGap(e.currentTarget.checked)} />
                </Stack>
              </Alert>
            )}
            <ChangeSummary tables={preview.tables} withUnchanged />
            {preview.conflictCount > 0 && (
              <Alert color="yellow" title={t('import.conflictsTitle', { count: preview.conflictCount })}>
                <Stack gap={2}>
                  {preview.conflicts.slice(0, 30).map((c) => (
                    <Text size="xs" key={`${c.table}/${c.rowId}`}>
                      {t('import.conflictRow', {
                        table: tableName(c.table),
                        local: when(c.localUpdatedAt),
                        incoming: when(c.incomingUpdatedAt),
                        winner: c.winner === 'incoming' ? t('import.winnerIncoming') : t('import.winnerLocal'),
                      })}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            {preview.provenance.map((p) => (
              <Text size="sm" key={p.bundleSha256} c={p.fork ? 'red' : undefined}>
                {t('import.provenance', { sequence: p.sequence, unit: p.issuerCode, fork: p.fork ? t('import.provenanceFork') : '' })}
              </Text>
            ))}
            {preview.announcedKey && <Text size="sm">{t('import.announced', { fingerprint: preview.announcedKey })}</Text>}
          </Stack>
        )}
        {result?.applied && (
          <Alert color="green" data-testid="import-done">
            {t('import.applied', { count: result.changes })}
          </Alert>
        )}
        {canApply && askPassphrase && <PasswordInput label={t('key.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.close')}
          </Button>
          {result?.applied && result.receiptText && (
            <Button variant="light" onClick={saveReceipt}>
              {t('import.receipt')}
            </Button>
          )}
          {canApply && (
            <Button onClick={apply} loading={busy} data-testid="import-apply">
              {t('import.apply', { count: preview!.changes })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
