import type { Random } from './prng.js';

/**
 * Synthetic people. First names are common given names; family names are built from
 * syllables so that no generated person can be mistaken for a real patient record.
 */
const FIRST_NAMES = {
  female: ['Ana', 'Bea', 'Clara', 'Dana', 'Elif', 'Fatima', 'Greta', 'Hana', 'Ines', 'Jade', 'Keiko', 'Lena', 'Mara', 'Nadia', 'Olga', 'Priya', 'Rosa', 'Sofia', 'Tara', 'Uma', 'Vera', 'Yara', 'Zoe'],
  male: ['Amir', 'Ben', 'Carlos', 'David', 'Emil', 'Felix', 'Hugo', 'Ivan', 'Jonas', 'Kofi', 'Leo', 'Marco', 'Nico', 'Omar', 'Pavel', 'Rafael', 'Sami', 'Theo', 'Victor', 'Yusuf'],
  neutral: ['Alex', 'Robin', 'Sam', 'Kim', 'Noa', 'Ari', 'Jules', 'River'],
} as const;

const ONSETS = ['B', 'D', 'F', 'G', 'H', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'V', 'W', 'Br', 'Dr', 'Gr', 'Kr', 'St', 'Tr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou'];
const MIDDLES = ['l', 'r', 'n', 'm', 'v', 'd', 'k', 's', 't', 'nd', 'rl', 'st'];
const ENDINGS = ['son', 'ley', 'berg', 'ford', 'wick', 'dal', 'ren', 'vik', 'ard', 'ino', 'ova', 'ez', 'er', 'ton'];

export type Gender = 'female' | 'male' | 'nonbinary' | 'other' | 'unknown';

export function familyName(random: Random): string {
  return random.pick(ONSETS) + random.pick(VOWELS) + random.pick(MIDDLES) + random.pick(ENDINGS);
}

export function personName(random: Random, gender: Gender): string {
  const pool = gender === 'female' ? FIRST_NAMES.female : gender === 'male' ? FIRST_NAMES.male : FIRST_NAMES.neutral;
  return `${random.pick(pool)} ${familyName(random)}`;
}

/** Gender mix of a clinical group program; made up, not a statistic. */
export function pickGender(random: Random): Gender {
  return random.weighted<Gender>([
    ['female', 52],
    ['male', 42],
    ['nonbinary', 3],
    ['other', 1],
    ['unknown', 2],
  ]);
}

/** Staff user ids, lower-case and safe for the dev-token `sub` (`therapist-ana`). */
export function staffIds(random: Random, role: 'therapist' | 'director', count: number): string[] {
  const pool = [...FIRST_NAMES.female, ...FIRST_NAMES.male, ...FIRST_NAMES.neutral].map((n) => n.toLowerCase());
  const ids = new Set<string>();
  while (ids.size < count) {
    const base = `${role}-${random.pick(pool)}`;
    ids.add(ids.has(base) ? `${base}-${ids.size + 1}` : base);
  }
  return [...ids];
}
