// Resident ID numbers (公民身份号码, GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence whose parity
// gives the gender (odd = male), and an ISO 7064 MOD 11-2 check character.
import type { Gender } from './constants.js';
import { isValidIsoDate } from './dates.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

export interface ParsedIdNumber {
  idNumber: string;
  birthDate: string;
  gender: Gender;
}

export type IdNumberResult =
  | { ok: true; value: ParsedIdNumber }
  | { ok: false; problem: IdNumberProblem; message: string };

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号码应为18位，前17位为数字，最后一位为数字或X',
  birth_date: '身份证号码中的出生日期无效',
  check_digit: '身份证号码校验位错误',
};

export function parseIdNumber(raw: string, today?: string): IdNumberResult {
  const idNumber = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { ok: false, problem: 'format', message: ID_NUMBER_MESSAGES.format };
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isValidIsoDate(birthDate) || birthDate < '1900-01-01' || (today !== undefined && birthDate > today)) {
    return { ok: false, problem: 'birth_date', message: ID_NUMBER_MESSAGES.birth_date };
  }
  if (idNumberCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) {
    return { ok: false, problem: 'check_digit', message: ID_NUMBER_MESSAGES.check_digit };
  }
  const gender: Gender = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { idNumber, birthDate, gender } };
}

/** Builds a valid ID number from its parts (for generators and test factories). */
export function makeIdNumber(areaCode: string, birthDate: string, sequence: number, gender: Gender): string {
  const seq = sequence % 500;
  const seq3 = gender === 'male' ? seq * 2 + 1 : seq * 2;
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${String(seq3).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** 110***********1234: area prefix and last four kept. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 3) + '*'.repeat(idNumber.length - 7) + idNumber.slice(-4);
}

/** 138****5678 */
export function maskPhone(phone: string | null): string | null {
  if (phone === null || phone === '') return phone;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
