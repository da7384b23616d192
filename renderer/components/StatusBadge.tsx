import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const colours = { not_started: 'gray', in_progress: 'blue', done: 'green', overdue: 'red' } as const;

/** A step's status as a coloured badge; overdue wins over the stored status. */
export function StepBadge({ status, overdue }: { status: keyof typeof colours; overdue?: boolean }) {
  const { t } = useTranslation();
  const key = overdue ? 'overdue' : status;
  return (
    <Badge
      color={colours[key]}
      variant={key === 'not_started' ? 'outline' : 'light'}
      radius="sm"
      tt="none"
      styles={{ root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } }}
    >
      {overdue ? `⚠ ${t('stepStatus.overdue')}` : t(`stepStatus.${status}`)}
    </Badge>
  );
}
