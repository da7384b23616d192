import { Badge } from '@mantine/core';

/** Badges keep their whole text (no ellipsis) in narrow table cells. */
export const fullBadge = { root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } } as const;
import { useTranslation } from 'react-i18next';

const versionColours = { none: 'gray', draft: 'gray', in_review: 'yellow', approved: 'green', superseded: 'orange', withdrawn: 'red' } as const;

/** A version's (or a procedure's newest version's) status. */
export function VersionBadge({ status }: { status: keyof typeof versionColours }) {
  const { t } = useTranslation('procedures');
  return (
    <Badge color={versionColours[status]} variant={status === 'draft' || status === 'none' ? 'outline' : 'light'} radius="sm" tt="none" styles={fullBadge}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export const cellColours = { current: 'green', outdated: 'orange', missing: 'gray' } as const;

/** Days left to a deadline, red when overdue. */
export function CountdownBadge({ daysLeft }: { daysLeft: number }) {
  const { t } = useTranslation('procedures');
  const colour = daysLeft < 0 ? 'red' : daysLeft <= 30 ? 'orange' : 'blue';
  return (
    <Badge color={colour} variant="light" radius="sm" tt="none" styles={fullBadge}>
      {daysLeft < 0 ? t('catalogue.daysOver', { count: -daysLeft }) : t('catalogue.daysLeft', { count: daysLeft })}
    </Badge>
  );
}

const clauseColours = {
  not_started: 'gray',
  in_progress: 'blue',
  conforms: 'green',
  partly: 'yellow',
  does_not_conform: 'red',
  not_applicable: 'dark',
} as const;

export function ClauseBadge({ status }: { status: keyof typeof clauseColours }) {
  const { t } = useTranslation('procedures');
  return (
    <Badge color={clauseColours[status]} variant={status === 'not_started' ? 'outline' : 'light'} radius="sm" tt="none" styles={fullBadge}>
      {t(`checklists.statuses.${status}`)}
    </Badge>
  );
}
