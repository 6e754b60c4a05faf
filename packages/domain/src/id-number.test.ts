import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENDERS } from './constants.js';
import {
  ID_NUMBER_MESSAGES,
  idNumberCheckChar,
  makeIdNumber,
  maskIdNumber,
  maskPhone,
  parseIdNumber,
} from './id-number.js';

/** A 17-digit body plus its correct check character, so that only the part under test can be wrong. */
const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const areaCode = fc.integer({ min: 110000, max: 659999 }).map(String);
const validIdNumber = fc
  .tuple(areaCode, isoDate, fc.nat({ max: 10_000 }), fc.constantFrom(...GENDERS))
  .map(([area, birth, seq, gender]) => makeIdNumber(area, birth, seq, gender));

describe('parseIdNumber: public sample numbers', () => {
  it('accepts 11010519491231002X (GB 11643 sample): female, born 1949-12-31', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' },
    });
  });

  it('accepts 110101199003074477 and 11010119900307803X: male, born 1990-03-07', () => {
    for (const n of ['110101199003074477', '11010119900307803X']) {
      const r = parseIdNumber(n);
      expect(r).toEqual({ ok: true, value: { idNumber: n, birthDate: '1990-03-07', gender: 'male' } });
    }
  });

  it('refuses 440524188001010014 (valid check digit) because births before 1900 are not plausible', () => {
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    expect(parseIdNumber('440524188001010014')).toMatchObject({ ok: false, problem: 'birth_date' });
  });
});

describe('parseIdNumber: format', () => {
  it('accepts a lowercase x check character and returns it upper-cased', () => {
    const r = parseIdNumber('11010519491231002x');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.idNumber).toBe('11010519491231002X');
  });

  it('trims surrounding spaces', () => {
    expect(parseIdNumber('  110101199003074477 ')).toMatchObject({
      ok: true,
      value: { idNumber: '110101199003074477' },
    });
  });

  it.each([
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X1'],
    ['19 digits', '1101011990030744770'],
    ['empty', ''],
    ['X not at the end', '1101051949123100X2'],
    ['a letter in the body', '11010519491A31002X'],
    ['inner space', '110105 9491231002X'],
    ['full-width digits', '１１０１０１１９９００３０７４４７７'],
    ['15-digit first-generation number', '110105491231002'],
  ])('refuses %s with the format message', (_label, n) => {
    expect(parseIdNumber(n)).toEqual({ ok: false, problem: 'format', message: ID_NUMBER_MESSAGES.format });
  });

  it('format message is Chinese and says 18 digits', () => {
    expect(ID_NUMBER_MESSAGES.format).toContain('18位');
  });
});

describe('parseIdNumber: birth date', () => {
  it.each([
    ['1999-02-30', '11010119990230001'],
    ['2023-02-29 (not a leap year)', '11010120230229001'],
    ['1900-02-29 (century, not a leap year)', '11010119000229001'],
    ['month 13', '11010119901301001'],
    ['month 00', '11010119900001001'],
    ['day 00', '11010119900100001'],
    ['day 32', '11010119900132001'],
    ['1899-12-31', '11010118991231001'],
  ])('refuses %s even with a correct check digit', (_label, first17) => {
    expect(parseIdNumber(withCheck(first17))).toEqual({
      ok: false,
      problem: 'birth_date',
      message: ID_NUMBER_MESSAGES.birth_date,
    });
  });

  it('accepts 2024-02-29 and 2000-02-29 (leap years) and 1900-01-01', () => {
    expect(parseIdNumber(withCheck('11010120240229001'))).toMatchObject({
      ok: true,
      value: { birthDate: '2024-02-29' },
    });
    expect(parseIdNumber(withCheck('11010120000229001'))).toMatchObject({
      ok: true,
      value: { birthDate: '2000-02-29' },
    });
    expect(parseIdNumber(withCheck('11010119000101001'))).toMatchObject({
      ok: true,
      value: { birthDate: '1900-01-01' },
    });
  });

  it('refuses a birth date after `today` but accepts one on `today`', () => {
    const n = makeIdNumber('110101', '2025-01-02', 1, 'male');
    expect(parseIdNumber(n, '2025-01-01')).toMatchObject({ ok: false, problem: 'birth_date' });
    expect(parseIdNumber(n, '2025-01-02')).toMatchObject({ ok: true, value: { birthDate: '2025-01-02' } });
    expect(parseIdNumber(n, '2025-01-03').ok).toBe(true);
    // Without `today` there is no upper bound.
    expect(parseIdNumber(n).ok).toBe(true);
  });
});

describe('parseIdNumber: check digit', () => {
  it('refuses a wrong check digit with the check-digit message', () => {
    expect(parseIdNumber('110101199003074478')).toEqual({
      ok: false,
      problem: 'check_digit',
      message: ID_NUMBER_MESSAGES.check_digit,
    });
    expect(parseIdNumber('110105194912310020')).toMatchObject({ ok: false, problem: 'check_digit' });
  });

  it('refuses X where the check digit is a number, and a number where it is X', () => {
    expect(parseIdNumber('11010119900307447X')).toMatchObject({ ok: false, problem: 'check_digit' });
    expect(parseIdNumber('110105194912310021')).toMatchObject({ ok: false, problem: 'check_digit' });
  });

  it('exactly one check character of 0-9,X is right for any 17-digit body', () => {
    fc.assert(
      fc.property(validIdNumber, (n) => {
        const body = n.slice(0, 17);
        const accepted = [...'0123456789X'].filter((c) => parseIdNumber(body + c).ok);
        expect(accepted).toEqual([n[17]]);
      }),
    );
  });
});

describe('parseIdNumber: gender parity of the 17th digit', () => {
  it.each([
    ['0', 'female'],
    ['1', 'male'],
    ['2', 'female'],
    ['3', 'male'],
    ['4', 'female'],
    ['5', 'male'],
    ['6', 'female'],
    ['7', 'male'],
    ['8', 'female'],
    ['9', 'male'],
  ])('17th digit %s → %s', (digit, gender) => {
    expect(parseIdNumber(withCheck(`1101011990030700${digit}`))).toMatchObject({ ok: true, value: { gender } });
  });
});

describe('makeIdNumber', () => {
  it('builds a number with the area, birth date and a sequence of the right parity', () => {
    const male = makeIdNumber('110105', '1990-03-07', 0, 'male');
    const female = makeIdNumber('110105', '1990-03-07', 0, 'female');
    expect(male.slice(0, 17)).toBe('11010519900307001');
    expect(female.slice(0, 17)).toBe('11010519900307000');
    expect(parseIdNumber(male)).toMatchObject({ ok: true, value: { gender: 'male', birthDate: '1990-03-07' } });
    expect(parseIdNumber(female)).toMatchObject({ ok: true, value: { gender: 'female', birthDate: '1990-03-07' } });
  });

  it('property: always parses back to the same birth date and gender', () => {
    fc.assert(
      fc.property(areaCode, isoDate, fc.nat({ max: 1_000_000 }), fc.constantFrom(...GENDERS), (area, birth, seq, g) => {
        const n = makeIdNumber(area, birth, seq, g);
        expect(n).toMatch(/^\d{17}[\dX]$/);
        const r = parseIdNumber(n, birth);
        expect(r).toEqual({ ok: true, value: { idNumber: n, birthDate: birth, gender: g } });
      }),
      { numRuns: 500 },
    );
  });
});

describe('ISO 7064 MOD 11-2 error detection', () => {
  it('property: changing any single character of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(validIdNumber, fc.nat({ max: 17 }), fc.nat({ max: 9 }), (n, pos, k) => {
        // Pick a replacement different from the original: digits for the body, digits or X for the check character.
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const choices = [...alphabet].filter((c) => c !== n[pos]);
        const c = choices[k % choices.length] as string;
        const mutated = n.slice(0, pos) + c + n.slice(pos + 1);
        expect(parseIdNumber(mutated).ok).toBe(false);
        // And honestly: the check character alone catches it, whatever the birth-date validation says.
        expect(idNumberCheckChar(mutated.slice(0, 17))).not.toBe(mutated[17]);
      }),
      { numRuns: 2000 },
    );
  });

  it('exhaustively: every single-digit substitution in the sample 11010519491231002X is caught by the check character', () => {
    const n = '11010519491231002X';
    let tried = 0;
    for (let pos = 0; pos < 18; pos++) {
      for (const c of pos === 17 ? '0123456789X' : '0123456789') {
        if (c === n[pos]) continue;
        const mutated = n.slice(0, pos) + c + n.slice(pos + 1);
        expect(idNumberCheckChar(mutated.slice(0, 17)), mutated).not.toBe(mutated[17]);
        expect(parseIdNumber(mutated).ok, mutated).toBe(false);
        tried++;
      }
    }
    expect(tried).toBe(17 * 9 + 10);
  });

  it('property: swapping two different adjacent body digits makes it invalid', () => {
    fc.assert(
      fc.property(validIdNumber, fc.nat({ max: 15 }), (n, i) => {
        fc.pre(n[i] !== n[i + 1]);
        const swapped = n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2);
        expect(idNumberCheckChar(swapped.slice(0, 17))).not.toBe(swapped[17]);
        expect(parseIdNumber(swapped).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('masking', () => {
  it('maskIdNumber keeps the first 3 and the last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('110101199003074477')).toBe('110***********4477');
  });

  it('property: a masked ID number keeps its length and hides the birth date', () => {
    fc.assert(
      fc.property(validIdNumber, (n) => {
        const m = maskIdNumber(n);
        expect(m).toHaveLength(18);
        expect(m.slice(0, 3)).toBe(n.slice(0, 3));
        expect(m.slice(-4)).toBe(n.slice(-4));
        expect(m.slice(3, 14)).toBe('*'.repeat(11));
      }),
    );
  });

  it('maskIdNumber hides short input entirely', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });

  it('maskPhone keeps the first 3 and the last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0931-8123456')).toBe('093*****3456');
    expect(maskPhone('123456')).toBe('******');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('')).toBe('');
  });
});
