import { Alert, Button, Center, Checkbox, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, useErrorText } from '../api/hooks';

type Kind = 'province' | 'district' | 'hq' | 'other';

/** First run: which office this installation is, and who operates it. */
export function SetupPage() {
  const { t, i18n } = useTranslation('setup');
  const errorText = useErrorText();
  const refs = useApi('setup.referenceOffices', {}).data ?? [];
  const [kind, setKind] = useState<Kind>('province');
  const [province, setProvince] = useState<string | null>(null);
  const [district, setDistrict] = useState<string | null>(null);
  const [manual, setManual] = useState({ code: '', name: '', type: 'district', parentCode: '' });
  const [operator, setOperator] = useState('');
  const [demo, setDemo] = useState(false);
  const complete = useApiMutation('setup.complete', { quiet: true });

  const provinces = refs.filter((r) => r.type === 'province').map((r) => ({ value: r.code, label: r.name }));
  const districts = refs.filter((r) => r.type === 'district' && r.parentCode === province).map((r) => ({ value: r.code, label: r.name }));

  const officeCode = kind === 'hq' ? 'VN' : kind === 'province' ? province : kind === 'district' ? district : manual.code;
  const submit = () => {
    complete.mutate({
      office:
        kind === 'other'
          ? {
              code: manual.code,
              name: manual.name,
              type: manual.type as 'district',
              parentCode: manual.parentCode || null,
            }
          : { code: officeCode ?? '' },
      operator,
      language: i18n.language === 'en' ? 'en' : 'vi',
      demo,
    });
  };

  return (
    <Center mih="100vh" bg="gray.0" p="lg">
      <Paper withBorder shadow="sm" radius="lg" p="xl" w={620}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            <div>
              <Title order={2}>{t('title')}</Title>
              <Text c="dimmed" mt={4}>
                {t('intro')}
              </Text>
            </div>
            <div>
              <Text fw={500} size="sm" mb={4}>
                {t('officeKind')}
              </Text>
              <SegmentedControl
                fullWidth
                value={kind}
                onChange={(v) => setKind(v as Kind)}
                data={(['province', 'district', 'hq', 'other'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
              />
            </div>
            {(kind === 'province' || kind === 'district') && (
              <Select
                label={t('province')}
                placeholder={t('pickProvince')}
                data={provinces}
                value={province}
                onChange={(v) => {
                  setProvince(v);
                  setDistrict(null);
                }}
                searchable
                required
                data-testid="setup-province"
              />
            )}
            {kind === 'district' && (
              <Select
                label={t('district')}
                placeholder={t('pickDistrict')}
                data={districts}
                value={district}
                onChange={setDistrict}
                searchable
                required
                disabled={!province}
                data-testid="setup-district"
              />
            )}
            {kind === 'other' && (
              <Stack gap="sm">
                <TextInput label={t('code')} value={manual.code} onChange={(e) => setManual({ ...manual, code: e.currentTarget.value })} required />
                <TextInput label={t('name')} value={manual.name} onChange={(e) => setManual({ ...manual, name: e.currentTarget.value })} required />
                <Select
                  label={t('type')}
                  value={manual.type}
                  onChange={(v) => setManual({ ...manual, type: v ?? 'district' })}
                  data={(['province', 'district', 'affiliated'] as const).map((v) => ({ value: v, label: t(`common:unitType.${v}`) }))}
                />
                <TextInput label={t('parentCode')} value={manual.parentCode} onChange={(e) => setManual({ ...manual, parentCode: e.currentTarget.value })} />
              </Stack>
            )}
            {kind !== 'other' && (
              <Text size="xs" c="dimmed">
                {t('manualHint')}
              </Text>
            )}
            <TextInput
              label={t('operator')}
              description={t('operatorHint')}
              value={operator}
              onChange={(e) => setOperator(e.currentTarget.value)}
              required
              data-testid="setup-operator"
            />
            <Checkbox label={t('demo')} description={t('demoHint')} checked={demo} onChange={(e) => setDemo(e.currentTarget.checked)} />
            {complete.error != null && (
              <Alert color="red" title={t('common:error')} data-testid="setup-error">
                {errorText(complete.error)}
              </Alert>
            )}
            <Button type="submit" size="md" loading={complete.isPending} data-testid="setup-submit">
              {t('start')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
