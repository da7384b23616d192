import { z } from 'zod';
import { completeSetup, referenceOffices, setupState } from '../services/setup';
import { writeSetting } from '../services/settings';
import { mutation, query } from './define';
import { region, requiredText, text, unitType } from './schemas';

/** First run, settings and reference lists. */
export const systemApi = {
  'setup.state': query(z.object({}).strict(), (ctx) => setupState(ctx)),
  'setup.referenceOffices': query(z.object({}).strict(), () => referenceOffices()),
  'setup.complete': mutation(
    z
      .object({
        office: z
          .object({
            code: requiredText(20),
            name: text(200).optional(),
            type: unitType.optional(),
            region: region.nullable().optional(),
            parentCode: text(20).nullable().optional(),
          })
          .strict(),
        operator: requiredText(200),
        language: z.enum(['vi', 'en']).optional(),
        demo: z.boolean().optional(),
      })
      .strict(),
    (ctx, input) => completeSetup(ctx, input),
  ),
  'settings.setLanguage': mutation(z.object({ language: z.enum(['vi', 'en']) }).strict(), (ctx, { language }) => {
    writeSetting(ctx, 'language', language);
    return { language };
  }),
  'settings.setOperator': mutation(z.object({ operator: requiredText(200) }).strict(), (ctx, { operator }) => {
    writeSetting(ctx, 'operator', operator);
    return { operator };
  }),
};
