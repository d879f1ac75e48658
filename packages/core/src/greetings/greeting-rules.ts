import type { Company } from '../schema/company.js';
import type { Contact } from '../schema/contact.js';
import type { GreetingOccasion } from './greeting-record.js';

/** A template of a greeting: placeholders `{{contact.fullName}}`, `{{company.name}}`, `{{contact.years}}`, ... */
export interface GreetingTemplate {
  subject?: string;
  body: string;
}

/** crmkit's default greetings, in Vietnamese. */
export const DEFAULT_GREETING_TEMPLATES: Readonly<Record<GreetingOccasion, GreetingTemplate>> = {
  birthday: {
    subject: 'Chúc mừng sinh nhật {{contact.fullName}}',
    body: 'Kính gửi {{contact.fullName}},\nNhân dịp sinh nhật, chúng tôi xin gửi tới Quý khách lời chúc sức khỏe, hạnh phúc và thành công.',
  },
  founding_anniversary: {
    subject: 'Chúc mừng {{company.years}} năm thành lập {{company.name}}',
    body: 'Kính gửi {{company.name}},\nNhân dịp kỷ niệm {{company.years}} năm ngày thành lập, chúng tôi xin gửi lời chúc mừng và mong tiếp tục đồng hành cùng Quý công ty.',
  },
};

/** One greeting due today: who, why, and how many years it marks. */
export interface DueGreeting {
  occasion: GreetingOccasion;
  recipient: { entity: 'contact' | 'company'; id: string };
  name: string;
  years: number;
  record: Readonly<Record<string, unknown>>;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * How many years `date` (YYYY-MM-DD) marks since `since` if it is its anniversary, else undefined. Someone born
 * on 29 February is greeted on 28 February in common years.
 */
export function anniversaryYears(since: string, date: string): number | undefined {
  const years = Number(date.slice(0, 4)) - Number(since.slice(0, 4));
  if (years < 1) return undefined;
  let monthDay = since.slice(5, 10);
  if (monthDay === '02-29' && !isLeapYear(Number(date.slice(0, 4)))) monthDay = '02-28';
  return monthDay === date.slice(5, 10) ? years : undefined;
}

/** The log id of a greeting: one per local date and recipient. */
export function greetingId(date: string, recipient: { entity: string; id: string }): string {
  return `greeting:${date}:${recipient.entity}:${recipient.id}`;
}

/** Contacts with a birthday and companies with a founding anniversary on `date`. */
export function greetingsDue(date: string, contacts: readonly (Contact & { id: string })[], companies: readonly (Company & { id: string })[]): DueGreeting[] {
  const due: DueGreeting[] = [];
  for (const contact of contacts) {
    const years = contact.birthday ? anniversaryYears(contact.birthday, date) : undefined;
    if (years !== undefined) due.push({ occasion: 'birthday', recipient: { entity: 'contact', id: contact.id }, name: contact.fullName, years, record: contact });
  }
  for (const company of companies) {
    const years = company.foundingDate ? anniversaryYears(company.foundingDate, date) : undefined;
    if (years !== undefined) due.push({ occasion: 'founding_anniversary', recipient: { entity: 'company', id: company.id }, name: company.name, years, record: company });
  }
  return due;
}
