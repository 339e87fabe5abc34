import { z } from 'zod';

export const SourceRefSchema = z
  .object({
    connector: z.string().describe('connector id from the config, e.g. "shopify"'),
    id: z.string().describe("the record's id in that system"),
    url: z.string().optional().describe("deep link into the vendor's admin"),
  })
  .meta({ id: 'SourceRef' });
export type SourceRef = z.infer<typeof SourceRefSchema>;

export const AddressSchema = z
  .object({
    name: z.string().optional(),
    company: z.string().optional(),
    line1: z.string().optional(),
    line2: z.string().optional(),
    city: z.string().optional(),
    region: z.string().optional(),
    postalCode: z.string().optional(),
    countryCode: z.string().optional(),
    phone: z.string().optional(),
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof AddressSchema>;

export const Sources = z.array(SourceRefSchema);
