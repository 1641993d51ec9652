import { type Messages, en } from './en.ts';
import { zhCN } from './zh-cn.ts';

export type Language = 'zh-CN' | 'en';

/** The agent's choice, kept for this browser (not a secret, not personal data). */
const LANGUAGE_KEY = 'phonematch.language';

/**
 * The console's language: the one the agent chose with the switch, else Simplified Chinese when the
 * browser's first preferred language is Chinese, else English.
 */
export function chosenLanguage(
  stored: string | null = localStorage.getItem(LANGUAGE_KEY),
  preferred: readonly string[] = navigator.languages,
): Language {
  if (stored === 'zh-CN' || stored === 'en') return stored;
  return preferred[0]?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const language: Language = chosenLanguage();

/** The words of the console, in its language. */
export const t: Messages = language === 'zh-CN' ? zhCN : en;

const numbers = new Intl.NumberFormat(language);
/** A count as the language writes it (1,000). */
export const count = (n: number): string => numbers.format(n);

const decimals = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
/** A duration in seconds, to a tenth under ten seconds. */
export function seconds(ms: number | null): string {
  if (ms === null) return '';
  return t.view.seconds(ms < 10_000 ? decimals.format(Math.round(ms / 100) / 10) : count(Math.round(ms / 1000)));
}

const times = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
export const dateTime = (at: Date): string => times.format(at);

/** Switches the language: remembered, then the page reloads in it (a running search re-attaches by its link). */
export function switchLanguage(): void {
  localStorage.setItem(LANGUAGE_KEY, language === 'zh-CN' ? 'en' : 'zh-CN');
  location.reload();
}
