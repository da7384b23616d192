import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseVnDate } from '../../electron/common/dates';

export interface DateFieldProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  required?: boolean;
  error?: string;
  description?: string;
  testId?: string;
}

/** A date typed or picked as dd/mm/yyyy; the value is an ISO `yyyy-mm-dd` string. */
export function DateField(props: DateFieldProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      label={props.label}
      description={props.description}
      required={props.required}
      error={props.error}
      value={props.value}
      onChange={(v) => props.onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      placeholder={t('date.placeholder')}
      dateParser={(input) => parseVnDate(input)}
      clearable
      data-testid={props.testId}
    />
  );
}
