export interface Message {
  vi: string;
  en: string;
}
export type Catalogue = Record<string, Message>;
