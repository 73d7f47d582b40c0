/**
 * Two languages from the start. Every string goes through i18next: the shell's strings are the
 * `common` namespace (src/locales), and each feature brings its own namespace
 * (src/features/<area>/locales/<lang>.json), found at build time, so features never edit a
 * shared file. The choice persists in localStorage and sets `<html lang>`.
 *
 * Only English, the fallback, comes with the first script; a language's strings, the shell's
 * included, are each a chunk of their own, loaded for the language chosen. {@link setupI18n}
 * answers when the chosen language's shell strings are there, so the first render is in it.
 */
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'swr-console.language';

type Messages = Record<string, unknown>;
type ByLanguage = Record<string, Record<string, Messages>>;

/** The shell's strings in English (the fallback), in the first bundle. */
const english = import.meta.glob<Messages>('../locales/en.json', {
  eager: true,
  import: 'default',
});
/** The shell's strings in the other languages, each a chunk loaded when that language is chosen. */
const common = import.meta.glob<Messages>(['../locales/*.json', '!../locales/en.json'], {
  import: 'default',
});
/**
 * A feature's strings (or a composed route's own, such as the repository page's), each language
 * its own small chunk, loaded when it is shown. The namespace is the folder's name.
 */
const features = {
  ...common,
  ...import.meta.glob<Messages>('../features/*/locales/*.json', { import: 'default' }),
  ...import.meta.glob<Messages>('../app/routes/*/locales/*.json', { import: 'default' }),
};

/** The loader of a namespace's strings in a language. */
function loaderOf(namespace: string, language: string) {
  if (namespace === 'common') return features[`../locales/${language}.json`];
  return (
    features[`../features/${namespace}/locales/${language}.json`] ??
    features[`../app/routes/${namespace}/locales/${language}.json`]
  );
}

function englishResources(): ByLanguage {
  const messages = english['../locales/en.json'];
  return messages === undefined ? {} : { en: { common: messages } };
}

/** i18next reads a feature's namespace from its chunk; a component asking for it suspends. */
const featureBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, callback) {
    const load = loaderOf(namespace, language);
    if (load === undefined) {
      callback(new Error(`no ${language} messages for ${namespace}`), false);
      return;
    }
    load().then(
      (messages) => {
        callback(null, messages);
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), false);
      },
    );
  },
};

/** Every language's messages by namespace, all loaded (for checks of the translations). */
export async function allMessages(): Promise<ByLanguage> {
  const out: ByLanguage = englishResources();
  for (const [path, load] of Object.entries(features)) {
    const match = /(?:(?:features|routes)\/([\w-]+)\/)?locales\/([\w-]+)\.json$/.exec(path);
    if (match?.[2] === undefined) continue;
    (out[match[2]] ??= {})[match[1] ?? 'common'] = await load();
  }
  return out;
}

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Starts i18next in `language`; the promise settles once that language's shell strings are in. */
export function setupI18n(language: Language = initialLanguage()): Promise<unknown> {
  let ready: Promise<unknown> = Promise.resolve();
  if (!i18n.isInitialized) {
    ready = i18n
      .use(featureBackend)
      .use(initReactI18next)
      .init({
        resources: englishResources(),
        partialBundledLanguages: true,
        lng: language,
        fallbackLng: 'en',
        defaultNS: 'common',
        ns: ['common'],
        interpolation: { escapeValue: false },
        returnNull: false,
        initAsync: false,
      });
    i18n.on('languageChanged', (next) => {
      if (typeof document !== 'undefined') document.documentElement.lang = next;
    });
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  }
  return ready;
}

export function changeLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}
