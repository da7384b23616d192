import { Modal, type ModalProps, Stack } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import type { MethodName } from '../../electron/api';
import { isoDateOf } from '../../electron/common/dates';
import { useApiMutation } from '../api/hooks';
import { FormActions } from '../components/FormActions';

/** Today as an ISO date: the default of a date field for something done today. */
export const todayIso = (): string => isoDateOf(new Date());

/** The non-empty lines of a text area (one item a line). */
export const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A form's values, a setter that changes some of them, and one that replaces them all (a reset). */
export function useFields<T extends object>(initial: T | (() => T)) {
  const [f, setAll] = useState(initial);
  const set = (patch: Partial<T>) => setAll((old) => ({ ...old, ...patch }));
  return [f, set, setAll] as const;
}

/** A form's write: its error stays in the form (not a notification); success says so and closes the form. */
export function useFormSave<M extends MethodName>(method: M, successMessage: string, onClose: () => void) {
  return useApiMutation(method, { quiet: true, successMessage, onSuccess: onClose });
}

/**
 * A form in a modal: its fields, then the last save's error and Cancel /
 * Save. Submitting (Save or Enter) calls onSubmit.
 */
export function FormModal(props: {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  save: { error: unknown; isPending: boolean };
  opened?: boolean;
  size?: ModalProps['size'];
  /** Prefix of the Save button's and the error's test ids. */
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Modal opened={props.opened ?? true} onClose={props.onClose} title={props.title} size={props.size ?? 'lg'} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <Stack>
          {props.children}
          <FormActions error={props.save.error} pending={props.save.isPending} onCancel={props.onClose} testId={props.testId} />
        </Stack>
      </form>
    </Modal>
  );
}
