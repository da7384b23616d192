import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from './catalogues';

type Lang = 'vi' | 'en';

function resources(lang: Lang) {
  return Object.fromEntries(Object.entries(catalogues).map(([ns, c]) => [ns, c[lang]]));
}

/** Vietnamese by default; English complete. */
void i18n.use(initReactI18next).init({
  lng: 'vi',
  fallbackLng: 'vi',
  ns: Object.keys(catalogues),
  defaultNS: 'common',
  resources: { vi: resources('vi'), en: resources('en') },
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
