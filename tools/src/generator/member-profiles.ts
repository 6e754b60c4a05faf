// Member distributions per kind of org (a member's "profile"), after the national figures of DOMAIN.md §12 and
// skewed the way real orgs are: villages older with more 农牧渔民 and less 大专及以上, organs and institutions young
// and educated, communities full of retirees.
import { EDUCATIONS, type Education, OCCUPATIONS, type Occupation } from '@grassroots/domain';
import { cumulative } from './prng.js';

const PROFILES = [
  'village',
  'community',
  'organ',
  'retired',
  'school',
  'hospital',
  'institution',
  'soe',
  'private',
  'social',
  'neweco',
  'student',
] as const;
export type Profile = (typeof PROFILES)[number];

/** Ages for the 8 bands of §12 (≤30, 31–35, …, 56–60, ≥61); the ≥61 band is spread by OLD_AGE_WEIGHTS. */
const BAND_LOW = [20, 31, 36, 41, 46, 51, 56, 61] as const;
const BAND_HIGH = [30, 35, 40, 45, 50, 55, 60, 61] as const;
/** Within ≥61: 61–70, 71–80, 81–90, 91–99. */
const OLD_AGE_CUM = cumulative([42, 33, 20, 5]);
const OLD_AGE_LOW = [61, 71, 81, 91] as const;
const OLD_AGE_SPAN = [10, 10, 10, 9] as const;

/** Probationary members' ages: 19–25, 26–30, 31–35, 36–45, 46–55. */
const PROB_LOW = [19, 26, 31, 36, 46] as const;
const PROB_SPAN = [7, 5, 5, 10, 10] as const;

/** Years after turning 18 at which full members joined: ranges [lo, hi). */
const JOIN_LOW = [1, 7, 12, 22] as const;
const JOIN_HIGH = [7, 12, 22, 40] as const;

export interface ProfileSpec {
  femaleShare: number;
  probationaryRate: number;
  ageCum: Float64Array;
  probAgeCum: Float64Array;
  joinCum: Float64Array;
  /** Occupation weights below 60 and from 60 on, in OCCUPATIONS order. */
  workingOccCum: Float64Array;
  elderlyOccCum: Float64Array;
  mobileRate: number;
  hardshipRate: number;
  /** Extra hardship rate from 70 on. */
  elderlyHardshipRate: number;
}

function occ(w: Partial<Record<Occupation, number>>): Float64Array {
  return cumulative(OCCUPATIONS.map((o) => w[o] ?? 0));
}

const WORKING_AGE = [16, 17, 16, 14, 13, 12, 11, 1];
const ELDERLY_ONLY_RETIRED = occ({ retired: 1 });

export const PROFILE_SPECS: Record<Profile, ProfileSpec> = {
  village: {
    femaleShare: 0.25,
    probationaryRate: 0.022,
    ageCum: cumulative([7, 6, 7, 8, 10, 12, 12, 38]),
    probAgeCum: cumulative([30, 25, 20, 18, 7]),
    joinCum: cumulative([38, 30, 22, 10]),
    workingOccCum: occ({ farmer: 70, worker: 7, other: 15, manager: 4, professional: 2, student: 0, retired: 2 }),
    elderlyOccCum: occ({ farmer: 78, other: 8, retired: 14 }),
    mobileRate: 0.075,
    hardshipRate: 0.03,
    elderlyHardshipRate: 0.06,
  },
  community: {
    femaleShare: 0.42,
    probationaryRate: 0.018,
    ageCum: cumulative([8, 8, 8, 8, 8, 9, 10, 41]),
    probAgeCum: cumulative([35, 30, 20, 12, 3]),
    joinCum: cumulative([45, 30, 18, 7]),
    workingOccCum: occ({
      worker: 18,
      farmer: 3,
      professional: 16,
      manager: 14,
      civil_servant: 3,
      other: 42,
      retired: 4,
    }),
    elderlyOccCum: occ({ retired: 88, other: 9, farmer: 3 }),
    mobileRate: 0.035,
    hardshipRate: 0.015,
    elderlyHardshipRate: 0.03,
  },
  organ: {
    femaleShare: 0.33,
    probationaryRate: 0.02,
    ageCum: cumulative(WORKING_AGE),
    probAgeCum: cumulative([45, 35, 15, 5, 0]),
    joinCum: cumulative([70, 25, 5, 0]),
    workingOccCum: occ({ civil_servant: 84, worker: 5, professional: 6, manager: 5 }),
    elderlyOccCum: ELDERLY_ONLY_RETIRED,
    mobileRate: 0.003,
    hardshipRate: 0.002,
    elderlyHardshipRate: 0,
  },
  retired: {
    femaleShare: 0.3,
    probationaryRate: 0,
    ageCum: cumulative([0, 0, 0, 0, 0, 0, 12, 88]),
    probAgeCum: cumulative([1, 0, 0, 0, 0]),
    joinCum: cumulative([65, 28, 7, 0]),
    workingOccCum: ELDERLY_ONLY_RETIRED,
    elderlyOccCum: ELDERLY_ONLY_RETIRED,
    mobileRate: 0.002,
    hardshipRate: 0.01,
    elderlyHardshipRate: 0.02,
  },
  school: {
    femaleShare: 0.5,
    probationaryRate: 0.02,
    ageCum: cumulative(WORKING_AGE),
    probAgeCum: cumulative([45, 35, 15, 5, 0]),
    joinCum: cumulative([65, 28, 7, 0]),
    workingOccCum: occ({ professional: 88, manager: 8, worker: 4 }),
    elderlyOccCum: ELDERLY_ONLY_RETIRED,
    mobileRate: 0.003,
    hardshipRate: 0.003,
    elderlyHardshipRate: 0,
  },
  hospital: {
    femaleShare: 0.55,
    probationaryRate: 0.022,
    ageCum: cumulative(WORKING_AGE),
    probAgeCum: cumulative([45, 35, 15, 5, 0]),
    joinCum: cumulative([62, 30, 8, 0]),
    workingOccCum: occ({ professional: 84, manager: 9, worker: 7 }),
    elderlyOccCum: ELDERLY_ONLY_RETIRED,
    mobileRate: 0.003,
    hardshipRate: 0.003,
    elderlyHardshipRate: 0,
  },
  institution: {
    femaleShare: 0.38,
    probationaryRate: 0.02,
    ageCum: cumulative(WORKING_AGE),
    probAgeCum: cumulative([40, 35, 15, 10, 0]),
    joinCum: cumulative([60, 30, 10, 0]),
    workingOccCum: occ({ professional: 60, manager: 22, worker: 18 }),
    elderlyOccCum: ELDERLY_ONLY_RETIRED,
    mobileRate: 0.004,
    hardshipRate: 0.004,
    elderlyHardshipRate: 0,
  },
  soe: {
    femaleShare: 0.28,
    probationaryRate: 0.025,
    ageCum: cumulative([18, 17, 16, 14, 12, 11, 10, 2]),
    probAgeCum: cumulative([40, 35, 15, 10, 0]),
    joinCum: cumulative([55, 30, 13, 2]),
    workingOccCum: occ({ worker: 36, professional: 30, manager: 34 }),
    elderlyOccCum: ELDERLY_ONLY_RETIRED,
    mobileRate: 0.01,
    hardshipRate: 0.005,
    elderlyHardshipRate: 0,
  },
  private: {
    femaleShare: 0.32,
    probationaryRate: 0.03,
    ageCum: cumulative([22, 20, 17, 14, 11, 8, 6, 2]),
    probAgeCum: cumulative([40, 30, 15, 12, 3]),
    joinCum: cumulative([50, 30, 15, 5]),
    workingOccCum: occ({ worker: 40, professional: 25, manager: 33, other: 2 }),
    elderlyOccCum: occ({ manager: 40, retired: 50, other: 10 }),
    mobileRate: 0.03,
    hardshipRate: 0.005,
    elderlyHardshipRate: 0,
  },
  social: {
    femaleShare: 0.45,
    probationaryRate: 0.03,
    ageCum: cumulative([25, 20, 15, 12, 10, 8, 6, 4]),
    probAgeCum: cumulative([40, 30, 15, 12, 3]),
    joinCum: cumulative([50, 30, 15, 5]),
    workingOccCum: occ({ professional: 40, manager: 28, other: 32 }),
    elderlyOccCum: occ({ retired: 70, other: 30 }),
    mobileRate: 0.02,
    hardshipRate: 0.005,
    elderlyHardshipRate: 0,
  },
  neweco: {
    femaleShare: 0.14,
    probationaryRate: 0.05,
    ageCum: cumulative([36, 26, 16, 10, 7, 4, 1, 0]),
    probAgeCum: cumulative([45, 30, 15, 10, 0]),
    joinCum: cumulative([70, 25, 5, 0]),
    workingOccCum: occ({ other: 82, worker: 12, manager: 6 }),
    elderlyOccCum: occ({ other: 1 }),
    mobileRate: 0.06,
    hardshipRate: 0.01,
    elderlyHardshipRate: 0,
  },
  student: {
    femaleShare: 0.56,
    probationaryRate: 0.3,
    ageCum: cumulative([1, 0, 0, 0, 0, 0, 0, 0]),
    probAgeCum: cumulative([1, 0, 0, 0, 0]),
    joinCum: cumulative([1, 0, 0, 0]),
    workingOccCum: occ({ student: 1 }),
    elderlyOccCum: occ({ student: 1 }),
    mobileRate: 0,
    hardshipRate: 0.02,
    elderlyHardshipRate: 0,
  },
};

/** Highest full-member age for students (the ≤30 band is cut to 20–24 for them). */
export const STUDENT_MAX_AGE = 24;

export const AGE_TABLES = { BAND_LOW, BAND_HIGH, OLD_AGE_CUM, OLD_AGE_LOW, OLD_AGE_SPAN, PROB_LOW, PROB_SPAN } as const;
export const JOIN_TABLES = { JOIN_LOW, JOIN_HIGH } as const;

/** Education weights [研究生, 本科, 专科, 中专/高中, 初中及以下] by occupation, for ages ≤35, 36–59, 60–74 and ≥75. */
const EDU_BY_OCCUPATION: Record<Occupation, readonly (readonly number[])[]> = {
  worker: [
    [0, 14, 36, 40, 10],
    [0, 6, 22, 48, 24],
    [0, 2, 10, 45, 43],
    [0, 1, 5, 34, 60],
  ],
  farmer: [
    [0, 6, 16, 42, 36],
    [0, 1, 4, 27, 68],
    [0, 0, 1, 15, 84],
    [0, 0, 1, 9, 90],
  ],
  professional: [
    [16, 62, 18, 4, 0],
    [10, 56, 26, 7, 1],
    [3, 40, 32, 20, 5],
    [1, 30, 30, 29, 10],
  ],
  manager: [
    [10, 60, 24, 6, 0],
    [6, 50, 30, 12, 2],
    [2, 35, 30, 25, 8],
    [1, 25, 25, 34, 15],
  ],
  civil_servant: [
    [14, 72, 13, 1, 0],
    [8, 62, 25, 5, 0],
    [2, 45, 33, 17, 3],
    [1, 30, 30, 30, 9],
  ],
  student: [
    [22, 68, 10, 0, 0],
    [22, 68, 10, 0, 0],
    [22, 68, 10, 0, 0],
    [22, 68, 10, 0, 0],
  ],
  other: [
    [2, 26, 34, 30, 8],
    [1, 12, 24, 38, 25],
    [0, 5, 12, 38, 45],
    [0, 2, 6, 30, 62],
  ],
  retired: [
    [3, 40, 30, 20, 7],
    [3, 36, 30, 22, 9],
    [2, 26, 28, 28, 16],
    [1, 16, 20, 30, 33],
  ],
};

/** Cumulative education tables indexed by occupation index * 4 + age class. */
export const EDUCATION_CUMS: Float64Array[] = OCCUPATIONS.flatMap((o) =>
  EDU_BY_OCCUPATION[o].map((w) => cumulative(w)),
);
export const EDUCATION_VALUES: readonly Education[] = EDUCATIONS;
export const OCCUPATION_VALUES: readonly Occupation[] = OCCUPATIONS;

export function eduAgeClass(age: number): number {
  return age <= 35 ? 0 : age < 60 ? 1 : age < 75 ? 2 : 3;
}
