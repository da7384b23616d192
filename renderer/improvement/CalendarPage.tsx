import { Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { PageHeader } from '../components/PageHeader';
import { CalendarTable } from './parts';

/** What falls due in the next 12 months across the units, overdue first. */
export function CalendarPage() {
  const { t } = useTranslation('improvement');
  const rows = useApi('calendar.get', {}).data;
  if (!rows) return <Loader />;
  return (
    <Stack gap="md">
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle')} />
      <CalendarTable rows={rows} exportName={t('calendar.export')} />
    </Stack>
  );
}
