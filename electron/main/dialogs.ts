import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { basename } from 'node:path';
import { z } from 'zod';
import type { DialogRequest } from '../common/bridge';

/**
 * Native open/save/folder dialogs for the window (IPC `isodesk:dialog`).
 * The request is validated like any API input; the paths that come back
 * are the ones the user picked in the OS dialog.
 */

const title = z.string().trim().min(1).max(200).optional();
const filters = z
  .array(
    z
      .object({
        name: z.string().trim().min(1).max(100),
        extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,12})$/)).min(1).max(10),
      })
      .strict(),
  )
  .max(10)
  .optional();

export const dialogRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('openFile'), title, filters, multiple: z.boolean().optional() }).strict(),
  z
    .object({
      kind: z.literal('saveFile'),
      title,
      filters,
      // A file name only: the folder is always the user's choice in the dialog.
      defaultName: z
        .string()
        .max(200)
        .refine((n) => n === basename(n) && !/[\\/:\0]/.test(n) && n !== '.' && n !== '..', 'a file name without folders')
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal('openFolder'), title }).strict(),
]);

export type ParsedDialogRequest = z.infer<typeof dialogRequestSchema>;

export function openDialogOptions(req: Extract<DialogRequest, { kind: 'openFile' | 'openFolder' }>, defaultPath: string): OpenDialogOptions {
  if (req.kind === 'openFolder') {
    return { title: req.title, defaultPath, properties: ['openDirectory', 'createDirectory'] };
  }
  return {
    title: req.title,
    defaultPath,
    filters: req.filters,
    properties: req.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
  };
}

export function saveDialogOptions(req: Extract<DialogRequest, { kind: 'saveFile' }>, defaultFolder: string): SaveDialogOptions {
  return {
    title: req.title,
    defaultPath: req.defaultName ? `${defaultFolder.replace(/[\\/]+$/, '')}/${req.defaultName}` : defaultFolder,
    filters: req.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}
