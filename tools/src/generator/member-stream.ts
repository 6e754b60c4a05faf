// The member stream: each leaf org's members come from PRNG streams keyed by (seed, org id), so the sequence is the
// same on every call. Dates are day numbers converted through the DayTable; no pinyin and no Date per member.
import { type Ethnicity, makeIdNumber } from '@grassroots/domain';
import type { DayTable } from './day-table.js';
import type { GeneratedMember } from './generate.js';
import {
  AGE_TABLES,
  EDUCATION_CUMS,
  EDUCATION_VALUES,
  eduAgeClass,
  JOIN_TABLES,
  OCCUPATION_VALUES,
  PROFILE_SPECS,
  STUDENT_MAX_AGE,
} from './member-profiles.js';
import type { LeafPlan } from './org-tree.js';
import { NameDrawer } from './person-names.js';
import { ESTATES, MOBILE_PREFIXES } from './place-names.js';
import { pickIndex, Rng } from './prng.js';

/** 18 calendar years never span more than this many days, so birth + ADULT_DAYS ≥ the 18th birthday. */
const ADULT_DAYS = 18 * 365 + 5;
const YEAR = 365.2425;
/** An ID-number sequence (3 digits, gender in the parity) allows 500 people per area, birth date and gender. */
const MAX_SEQUENCE = 500;

export function* memberStream(seed: number, days: DayTable, leaves: readonly LeafPlan[]): Generator<GeneratedMember> {
  const today = days.today;
  const todayIso = days.date(today);
  const veteranJoin = days.index(todayIso, -50);
  const veteranBirth = days.index(todayIso, -75);
  const { BAND_LOW, BAND_HIGH, OLD_AGE_CUM, OLD_AGE_LOW, OLD_AGE_SPAN, PROB_LOW, PROB_SPAN } = AGE_TABLES;
  const { JOIN_LOW, JOIN_HIGH } = JOIN_TABLES;
  const drawer = new NameDrawer();
  // Next ID sequence per (birth day, gender) within the current area; areas come in contiguous runs.
  const sequences = new Uint16Array((today + 1) * 2);
  const finishedAreas = new Set<string>();
  let area = '';
  let id = 0;

  for (const leaf of leaves) {
    if (leaf.area.code !== area) {
      if (finishedAreas.has(leaf.area.code)) throw new Error(`generator: area ${leaf.area.code} is not contiguous`);
      if (area !== '') finishedAreas.add(area);
      area = leaf.area.code;
      sequences.fill(0);
    }
    const spec = PROFILE_SPECS[leaf.profile];
    const student = leaf.profile === 'student';
    const { minorityRate, minorityCum, minorities } = leaf.area;
    const nameRng = new Rng(seed, leaf.orgId, 1);
    const rng = new Rng(seed, leaf.orgId, 2);
    const fullCount = leaf.size - leaf.probationary;

    for (let k = 0; k < leaf.size; k++) {
      drawer.draw(nameRng, spec.femaleShare);
      const female = drawer.female;
      const probationary = k >= fullCount;

      let age: number;
      let birth: number;
      let joined: number;
      let fullOn = -1;
      if (probationary) {
        const band = pickIndex(spec.probAgeCum, rng.next());
        age = student ? 19 + rng.int(4) : (PROB_LOW[band] as number) + rng.int(PROB_SPAN[band] as number);
        joined = today - rng.int(364);
        birth = today - Math.floor(age * YEAR) - rng.int(365);
        if (birth > joined - ADULT_DAYS) birth = joined - ADULT_DAYS - rng.int(120);
      } else {
        const band = pickIndex(spec.ageCum, rng.next());
        if (student) age = 20 + rng.int(STUDENT_MAX_AGE - 19);
        else if (band === 7) {
          const old = pickIndex(OLD_AGE_CUM, rng.next());
          age = (OLD_AGE_LOW[old] as number) + rng.int(OLD_AGE_SPAN[old] as number);
        } else age = (BAND_LOW[band] as number) + rng.int((BAND_HIGH[band] as number) - (BAND_LOW[band] as number) + 1);
        birth = today - Math.floor(age * YEAR) - rng.int(365);
        const delay = rng.next() < 0.04 ? 30 + rng.int(120) : 0;
        const earliest = birth + ADULT_DAYS;
        const latest = today - 366 - delay;
        const j = pickIndex(spec.joinCum, rng.next());
        const lo = JOIN_LOW[j] as number;
        joined = earliest + Math.floor((lo + rng.next() * ((JOIN_HIGH[j] as number) - lo)) * YEAR);
        if (joined > latest) joined = earliest + rng.int(Math.max(1, latest - earliest + 1));
        fullOn = (days.nextYear[joined] as number) + delay;
      }

      const ageClass = eduAgeClass(age);
      let occ = pickIndex(age >= 60 ? spec.elderlyOccCum : spec.workingOccCum, rng.next());
      let occupation = OCCUPATION_VALUES[occ] as (typeof OCCUPATION_VALUES)[number];
      if ((occupation === 'retired' && age < 50) || (occupation === 'student' && age > 28)) {
        occupation = 'other';
        occ = OCCUPATION_VALUES.indexOf('other');
      }
      const education = EDUCATION_VALUES[
        pickIndex(EDUCATION_CUMS[occ * 4 + ageClass] as Float64Array, rng.next())
      ] as (typeof EDUCATION_VALUES)[number];

      const ethnicity = (
        rng.next() < minorityRate ? minorities[pickIndex(minorityCum, rng.next())] : '汉族'
      ) as Ethnicity;

      const elderly = age >= 70;
      const isMobile = rng.next() < (elderly ? spec.mobileRate * 0.2 : spec.mobileRate) ? 1 : 0;
      const isLostContact = rng.next() < (isMobile ? 0.04 : 0.0015) ? 1 : 0;
      const isHardship = rng.next() < spec.hardshipRate + (elderly ? spec.elderlyHardshipRate : 0) ? 1 : 0;
      const isVeteran = (!probationary && joined <= veteranJoin) || birth <= veteranBirth ? 1 : 0;

      const phone =
        rng.next() < (age >= 80 ? 0.3 : 0.035)
          ? null
          : (MOBILE_PREFIXES[rng.int(MOBILE_PREFIXES.length)] as string) +
            String(100_000_000 + rng.int(100_000_000)).slice(1);
      let address: string | null;
      if (rng.next() < 0.02) address = null;
      else if (leaf.rural) address = `${leaf.address}${1 + rng.int(12)}组`;
      else {
        address = `${leaf.address}${ESTATES[rng.int(ESTATES.length)]}${1 + rng.int(24)}栋${1 + rng.int(4)}单元${1 + rng.int(18)}0${1 + rng.int(4)}室`;
      }

      const g = female ? 1 : 0;
      while ((sequences[birth * 2 + g] as number) >= MAX_SEQUENCE) birth--;
      const sequence = sequences[birth * 2 + g] as number;
      sequences[birth * 2 + g] = sequence + 1;
      const birthDate = days.date(birth);

      id++;
      yield {
        id,
        orgId: leaf.orgId,
        orgPath: leaf.path,
        name: drawer.name,
        nameInitials: drawer.initials,
        gender: female ? 'female' : 'male',
        ethnicity,
        birthDate,
        idNumber: makeIdNumber(leaf.area.code, birthDate, sequence, female ? 'female' : 'male'),
        education,
        occupation,
        joinedOn: days.date(joined),
        fullOn: probationary ? null : days.date(fullOn),
        status: probationary ? 'probationary' : 'full',
        phone,
        address,
        isMobile,
        isLostContact,
        isHardship,
        isVeteran,
      };
    }
  }
}
