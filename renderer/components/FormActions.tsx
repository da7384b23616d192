import { Alert, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../api/hooks';

/**
 * The foot of every form: the service's error (if the last save failed) in
 * the reader's language, then Cancel and Save.
 */
export function FormActions(props: { error: unknown; pending: boolean; onCancel: () => void; testId?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <>
      {props.error != null && (
        <Alert color="red" data-testid={props.testId ? `${props.testId}-error` : undefined}>
          {errorText(props.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          {t('actions.cancel')}
        </Button>
        <Button type="submit" loading={props.pending} data-testid={props.testId ? `${props.testId}-save` : undefined}>
          {t('actions.save')}
        </Button>
      </Group>
    </>
  );
}
