import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiInput, ApiOutput, MethodName } from '../../electron/api';
import { ApiError, call } from './client';

/**
 * Reads through the API; cached by method and input. With `keepPrevious`, a
 * new input keeps showing the previous answer until its own arrives
 * (`isPlaceholderData` meanwhile): a filter asked of the server does not
 * blank the page.
 */
export function useApi<M extends MethodName>(method: M, input: ApiInput<M>, options: { enabled?: boolean; keepPrevious?: boolean } = {}) {
  return useQuery({
    queryKey: [method, input],
    queryFn: () => call(method, input),
    enabled: options.enabled,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}

/** The error's text in the reader's language. */
export function useErrorText(): (err: unknown) => string {
  const { i18n } = useTranslation();
  return (err) => {
    if (err instanceof ApiError) return err.payload.message[i18n.language === 'en' ? 'en' : 'vi'];
    return err instanceof Error ? err.message : String(err);
  };
}

/**
 * Writes through the API. Every write refreshes every query (the data set of
 * a desktop office is small enough), and a failure shows its message unless
 * the caller handles it in the form.
 */
export function useApiMutation<M extends MethodName>(
  method: M,
  options: { onSuccess?: (value: ApiOutput<M>) => void; successMessage?: string; quiet?: boolean } = {},
) {
  const qc = useQueryClient();
  const errorText = useErrorText();
  return useMutation<ApiOutput<M>, unknown, ApiInput<M>>({
    mutationFn: (input) => call(method, input),
    onSuccess: async (value) => {
      await qc.invalidateQueries();
      if (options.successMessage) notifications.show({ color: 'green', message: options.successMessage });
      options.onSuccess?.(value);
    },
    onError: (err) => {
      if (!options.quiet) notifications.show({ color: 'red', message: errorText(err), autoClose: 8000 });
    },
  });
}
